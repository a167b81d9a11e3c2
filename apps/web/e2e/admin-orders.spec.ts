import { type Browser, type Page, request } from '@playwright/test';
import { STRONG_PASSWORD } from './api';
import { ensureRole, placeOrder, uniqueShopperEmail } from './orders-api';
import {
  acceptInvite,
  DEMO_OWNER,
  invitationToken,
  inviteStaff,
  rawMutation,
  roleByName,
  signIn,
  uniqueEmail,
} from './staff-api';
import { expect, test } from './test';

/** Staff work through orders that shoppers placed and paid for over the API. */

async function staffPage(
  browser: Browser,
  credentials: { email: string; password: string },
): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const state = await signIn(page.request, credentials);
  expect(state.status).toBe('signed-in');
  return page;
}

/** A new staff member with `roleName`, invited by the demo Owner, signed in in a new browser. */
async function invitedStaff(
  browser: Browser,
  baseURL: string,
  roleName: string,
  name: string,
): Promise<Page> {
  const owner = await staffPage(browser, DEMO_OWNER);
  const email = uniqueEmail('orders-staff');
  const role = await roleByName(owner.request, roleName);
  await inviteStaff(owner.request, { name, email, roleId: role.id });
  const token = await invitationToken(owner.request, email);
  await owner.context().close();
  const invitee = await request.newContext({ baseURL });
  await acceptInvite(invitee, { token, password: STRONG_PASSWORD });
  await invitee.dispose();
  return staffPage(browser, { email, password: STRONG_PASSWORD });
}

const ordersTable = (page: Page) => page.getByRole('table', { name: 'Orders' });
const orderLink = (page: Page, number: number) =>
  ordersTable(page).getByRole('link', { name: `#${number}`, exact: true });
const statusBadge = (page: Page) => page.getByRole('main').getByTestId('order-status').first();
const timelineEntries = (page: Page) =>
  page.getByRole('list', { name: 'Timeline' }).getByRole('listitem');

const ACTION_BUTTONS = ['Mark shipped', 'Mark delivered', 'Cancel order', 'Refund', 'Add note'];

test('staff filter the orders, open one, add a note and mark it shipped', async ({
  browser,
  baseURL,
}) => {
  test.slow();
  const customerName = 'Olivia Ordway';
  const email = uniqueShopperEmail('olivia');
  const [paid, unpaid] = await Promise.all([
    placeOrder(baseURL as string, { email, customerName }),
    placeOrder(baseURL as string, { pay: false }),
  ]);
  expect(paid.status).toBe('paid');
  expect(unpaid.status).toBe('pending_payment');

  const page = await staffPage(browser, DEMO_OWNER);
  // Hydration mismatches and CSP refusals show up as console errors.
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto('/admin/orders');
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  await expect(page.getByText(/^\d[\d,]* orders?\.$/)).toBeVisible();
  await expect(orderLink(page, paid.number)).toBeVisible();
  await expect(orderLink(page, unpaid.number)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('orders-list.png'), fullPage: true });

  // Filter by status: in the URL, and only paid orders are listed.
  await page.getByLabel('Status').selectOption('paid');
  await expect(page).toHaveURL(/\/admin\/orders\?status=paid$/);
  await expect(orderLink(page, paid.number)).toBeVisible();
  await expect(orderLink(page, unpaid.number)).toHaveCount(0);
  await expect(
    ordersTable(page)
      .getByTestId('order-status')
      .filter({ hasNotText: /^Paid$/ }),
  ).toHaveCount(0);

  // Search by the shopper's email, keeping the status filter.
  await page.getByLabel('Order number or email').fill(email);
  await page.getByLabel('Order number or email').press('Enter');
  await expect(page).toHaveURL(/[?&]q=.*status=paid/);
  await expect(page.getByText('1 order match.')).toBeVisible();
  await expect(ordersTable(page).getByRole('row')).toHaveCount(2);
  await expect(ordersTable(page)).toContainText(customerName);

  // The order number finds it too ("#1001" or "1001"), and a later day finds nothing.
  await page.goto(`/admin/orders?q=${encodeURIComponent(`#${paid.number}`)}`);
  await expect(orderLink(page, paid.number)).toBeVisible();
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await page.goto(`/admin/orders?q=${encodeURIComponent(email)}&from=${tomorrow}`);
  await expect(page.getByText('No orders match these filters.')).toBeVisible();
  await expect(page.getByLabel('From')).toHaveValue(tomorrow);
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/admin\/orders$/);

  // The order.
  await orderLink(page, paid.number).click();
  await expect(page).toHaveURL(new RegExp(`/admin/orders/${paid.id}$`));
  await expect(
    page.getByRole('heading', { level: 1, name: `Order #${paid.number}` }),
  ).toBeVisible();
  await expect(statusBadge(page)).toHaveText('Paid');
  const lines = page.getByRole('table', { name: 'Order lines' });
  await expect(lines).toContainText(paid.line.productTitle);
  await expect(lines).toContainText(paid.line.sku);
  await expect(page.getByTestId('shipping-address')).toContainText('Lindenstraße 12');
  await expect(page.getByRole('region', { name: 'Customer', exact: true })).toContainText(
    customerName,
  );
  await expect(page.getByRole('table', { name: 'Payments' })).toContainText('Succeeded');
  await expect(timelineEntries(page).filter({ hasText: 'Placed' })).toHaveCount(1);

  // An internal note, on several lines, signed with the staff member's name.
  await page
    .getByRole('textbox', { name: 'Note', exact: true })
    .fill('Gift wrap, please.\nCall before delivery.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(timelineEntries(page).first()).toContainText('Gift wrap, please.');
  await expect(timelineEntries(page).first()).toContainText(DEMO_OWNER.name);
  await expect(page.getByRole('textbox', { name: 'Note', exact: true })).toHaveValue('');

  // Shipping needs a carrier and a tracking number.
  await page.getByRole('button', { name: 'Mark shipped' }).click();
  await expect(page.getByLabel('Carrier')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Enter the carrier')).toBeVisible();
  await page.getByLabel('Carrier').fill('DHL');
  await page.getByLabel('Tracking number').fill('JJD000123456');
  await page.getByRole('button', { name: 'Mark shipped' }).click();
  await expect(statusBadge(page)).toHaveText('Shipped');
  await expect(timelineEntries(page).first()).toContainText('Shipped');
  await expect(timelineEntries(page).first()).toContainText(DEMO_OWNER.name);
  await expect(page.getByRole('region', { name: 'Shipment', exact: true })).toContainText(
    'JJD000123456',
  );
  // What a shipped order allows now.
  await expect(page.getByRole('button', { name: 'Mark shipped' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cancel order' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Mark delivered' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('order-page.png'), fullPage: true });

  // Saved: a reload shows the same.
  await page.reload();
  await expect(statusBadge(page)).toHaveText('Shipped');
  await expect(timelineEntries(page).filter({ hasText: 'Call before delivery.' })).toHaveCount(1);

  // The customer's orders.
  await page.getByRole('link', { name: `All orders from ${customerName}` }).click();
  await expect(page).toHaveURL(/\/admin\/orders\?customerId=[0-9a-f-]{36}$/);
  await expect(page.getByText('1 order match.')).toBeVisible();
  await expect(orderLink(page, paid.number)).toBeVisible();
  await expect(page.getByText(`Orders of ${customerName}`)).toBeVisible();

  // The packing slip: address, items with SKU and quantity, no prices; printed without the admin.
  await page.goto(`/admin/orders/${paid.id}`);
  await page.getByRole('link', { name: 'Packing slip' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/orders/${paid.id}/packing-slip$`));
  const slip = page.getByRole('article', { name: `Packing slip for order #${paid.number}` });
  await expect(slip).toContainText(`#${paid.number}`);
  await expect(slip).toContainText('Lindenstraße 12');
  await expect(slip).toContainText('10115 Berlin');
  await expect(slip.getByRole('table', { name: 'Items' })).toContainText(paid.line.sku);
  await expect(slip).not.toContainText('€');
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('packing-slip.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Admin' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
  await expect(slip).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('packing-slip-print.png'), fullPage: true });
  expect(consoleErrors).toEqual([]);
});

test('staff refund part of an order, cancel an unpaid one, and see a conflicting change', async ({
  browser,
  baseURL,
}) => {
  test.slow();
  const [refundable, unpaid, contested] = await Promise.all([
    placeOrder(baseURL as string, { quantity: 2 }),
    placeOrder(baseURL as string, { pay: false }),
    placeOrder(baseURL as string),
  ]);
  const page = await staffPage(browser, DEMO_OWNER);

  // A partial refund, confirmed first; more than is left is refused before anything is sent.
  await page.goto(`/admin/orders/${refundable.id}`);
  const refund = page.getByRole('region', { name: 'Refund', exact: true });
  const amount = refund.getByLabel('Amount (EUR)');
  const everything = await amount.inputValue();
  expect(everything).toMatch(/^\d+\.\d{2}$/);
  await amount.fill(String(Number(everything) + 1));
  await refund.getByRole('button', { name: 'Refund' }).click();
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await expect(refund).toContainText('can still be refunded');
  await amount.fill('5');
  await refund.getByLabel('Reason').fill('Scratched on arrival');
  await refund.getByRole('button', { name: 'Refund' }).click();
  const dialog = page.getByRole('dialog', { name: 'Refund €5.00?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Refund €5.00' }).click();
  await expect(dialog).toBeHidden();
  await expect(statusBadge(page)).toHaveText('Partially refunded');
  await expect(page.getByRole('table', { name: 'Refunds' })).toContainText('Scratched on arrival');
  await expect(page.getByTestId('refunded')).toHaveText('−€5.00');
  await expect(timelineEntries(page).first()).toContainText('Refunded');
  // The form starts again with what is left.
  await expect(amount).toHaveValue((Number(everything) - 5).toFixed(2));
  await page.screenshot({ path: test.info().outputPath('order-refunded.png'), fullPage: true });

  // Cancelling an unpaid order releases its stock; the reason is kept.
  await page.goto(`/admin/orders/${unpaid.id}`);
  await expect(statusBadge(page)).toHaveText('Awaiting payment');
  await expect(page.getByRole('button', { name: 'Mark shipped' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Refund', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Cancel order' }).click();
  const cancel = page.getByRole('dialog', { name: `Cancel order #${unpaid.number}?` });
  await expect(cancel).toContainText('releases the stock');
  await cancel.getByLabel('Reason').fill('Customer asked by phone');
  await cancel.getByRole('button', { name: 'Cancel order' }).click();
  await expect(cancel).toBeHidden();
  await expect(statusBadge(page)).toHaveText('Cancelled');
  await expect(page.getByText('Cancelled: Customer asked by phone')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Actions', exact: true })).toHaveCount(0);

  // Two staff on one order: the second one's shipment is refused and says why.
  const other = await staffPage(browser, DEMO_OWNER);
  await page.goto(`/admin/orders/${contested.id}`);
  await other.goto(`/admin/orders/${contested.id}`);
  await other.getByLabel('Carrier').fill('UPS');
  await other.getByLabel('Tracking number').fill('1Z999AA10123456784');
  await other.getByRole('button', { name: 'Mark shipped' }).click();
  await expect(statusBadge(other)).toHaveText('Shipped');
  await page.getByLabel('Carrier').fill('DHL');
  await page.getByLabel('Tracking number').fill('JJD000999');
  await page.getByRole('button', { name: 'Mark shipped' }).click();
  const ship = page.getByRole('region', { name: 'Ship', exact: true });
  await expect(ship.getByRole('alert')).not.toBeEmpty();
  await page.screenshot({ path: test.info().outputPath('order-conflict.png') });
  await page.getByRole('button', { name: 'Load the order as it is now' }).click();
  await expect(statusBadge(page)).toHaveText('Shipped');
  await expect(page.getByRole('region', { name: 'Shipment', exact: true })).toContainText('UPS');
});

test('staff who may read orders but not change them see no actions', async ({
  browser,
  baseURL,
}) => {
  test.slow();
  ensureRole('Order viewer (e2e)', ['orders:read']);
  const [order, viewer] = await Promise.all([
    placeOrder(baseURL as string),
    invitedStaff(browser, baseURL as string, 'Order viewer (e2e)', 'Vera Viewer'),
  ]);

  await viewer.goto('/admin/orders');
  await expect(viewer.getByRole('navigation', { name: 'Admin' })).toContainText('Orders');
  await orderLink(viewer, order.number).click();
  await expect(
    viewer.getByRole('heading', { level: 1, name: `Order #${order.number}` }),
  ).toBeVisible();
  await expect(statusBadge(viewer)).toHaveText('Paid');
  await expect(timelineEntries(viewer).filter({ hasText: 'Placed' })).toHaveCount(1);
  await expect(viewer.getByRole('link', { name: 'Packing slip' })).toBeVisible();
  for (const name of ACTION_BUTTONS) {
    await expect(viewer.getByRole('button', { name })).toHaveCount(0);
  }
  await expect(viewer.getByRole('textbox', { name: 'Note', exact: true })).toHaveCount(0);
  await expect(viewer.getByLabel('Carrier')).toHaveCount(0);
  // …and the API refuses them too.
  const refused = await rawMutation(viewer.request, 'admin.orders.addNote', {
    id: order.id,
    text: 'Not allowed',
  });
  expect(refused.code).toBe('FORBIDDEN');
});

test('staff whose role has no orders see the no-access page', async ({ browser, baseURL }) => {
  const editor = await invitedStaff(browser, baseURL as string, 'Catalog editor', 'Cato Catalog');
  await editor.goto('/admin/orders');
  await expect(editor.getByText('You don’t have access to this page')).toBeVisible();
  await expect(editor.getByRole('navigation', { name: 'Admin' })).not.toContainText('Orders');
});
