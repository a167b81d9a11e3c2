/**
 * Services for benchmarks that measure the HTTP stack, not the database. Typed against the API's
 * own `ServerServices` and written out method by method, so a service gaining or losing a method
 * breaks `pnpm typecheck` here. A benchmark calling a method it did not stub fails loudly.
 */
import type { Category } from '@bazaar/contracts/server';
import type { ServerServices } from '../apps/api/src/services/index.ts';

export const benchCategories: Category[] = [
  {
    id: '3f1b5c9e-6c1a-4b7e-9a51-0d7f7f0c1a01',
    slug: 'apparel',
    name: 'Apparel',
    description: 'Clothing',
    parentId: null,
    position: 0,
    productCount: 12,
  },
];

const unused = (method: string) => (): never => {
  throw new Error(`bench: services.${method} is not stubbed; a benchmark called it`);
};

export const stubServices: ServerServices = {
  catalog: {
    listCurrencies: unused('catalog.listCurrencies'),
    listCategories: async () => benchCategories,
    listProducts: unused('catalog.listProducts'),
    productFacets: unused('catalog.productFacets'),
    suggestProducts: unused('catalog.suggestProducts'),
    productBySlug: unused('catalog.productBySlug'),
  },
  catalogAdmin: {
    listProducts: unused('catalogAdmin.listProducts'),
    getProduct: unused('catalogAdmin.getProduct'),
    createProduct: unused('catalogAdmin.createProduct'),
    updateProduct: unused('catalogAdmin.updateProduct'),
    bulkProducts: unused('catalogAdmin.bulkProducts'),
    settings: unused('catalogAdmin.settings'),
    updateSettings: unused('catalogAdmin.updateSettings'),
    overview: unused('catalogAdmin.overview'),
    listCategories: unused('catalogAdmin.listCategories'),
    createCategory: unused('catalogAdmin.createCategory'),
    updateCategory: unused('catalogAdmin.updateCategory'),
    moveCategory: unused('catalogAdmin.moveCategory'),
    deleteCategory: unused('catalogAdmin.deleteCategory'),
    getImport: unused('catalogAdmin.getImport'),
  },
  shopSettings: {
    listShippingMethods: unused('shopSettings.listShippingMethods'),
    saveShippingMethod: unused('shopSettings.saveShippingMethod'),
    deleteShippingMethod: unused('shopSettings.deleteShippingMethod'),
    taxSettings: unused('shopSettings.taxSettings'),
    saveTaxRate: unused('shopSettings.saveTaxRate'),
    deleteTaxRate: unused('shopSettings.deleteTaxRate'),
    setPricesIncludeTax: unused('shopSettings.setPricesIncludeTax'),
    listDiscountCodes: unused('shopSettings.listDiscountCodes'),
    saveDiscountCode: unused('shopSettings.saveDiscountCode'),
    deleteDiscountCode: unused('shopSettings.deleteDiscountCode'),
  },
  cart: {
    get: unused('cart.get'),
    add: unused('cart.add'),
    setQuantity: unused('cart.setQuantity'),
    remove: unused('cart.remove'),
    dismissNotices: unused('cart.dismissNotices'),
  },
  checkout: {
    quote: unused('checkout.quote'),
    placeOrder: unused('checkout.placeOrder'),
    confirmTestPayment: unused('checkout.confirmTestPayment'),
    paymentResult: unused('checkout.paymentResult'),
    paymentOptions: () => ({ provider: 'test', publishableKey: null }),
  },
  orders: {
    listMine: unused('orders.listMine'),
    getMine: unused('orders.getMine'),
    lookup: unused('orders.lookup'),
  },
  ordersAdmin: {
    list: unused('ordersAdmin.list'),
    get: unused('ordersAdmin.get'),
    ship: unused('ordersAdmin.ship'),
    deliver: unused('ordersAdmin.deliver'),
    cancel: unused('ordersAdmin.cancel'),
    refund: unused('ordersAdmin.refund'),
    addNote: unused('ordersAdmin.addNote'),
  },
  payments: unused('payments') as never,
  testPayments: null,
  catalogCsv: unused('catalogCsv') as never,
  catalogImport: { read: unused('catalogImport.read'), start: unused('catalogImport.start') },
  sitemaps: {
    publicUrl: 'http://localhost:3000',
    productFiles: unused('sitemaps.productFiles'),
    productPages: unused('sitemaps.productPages'),
    categorySlugs: unused('sitemaps.categorySlugs'),
  },
  auth: {
    sessionState: unused('auth.sessionState'),
    signUp: unused('auth.signUp'),
    signIn: unused('auth.signIn'),
    completeSecondFactor: unused('auth.completeSecondFactor'),
    signOut: unused('auth.signOut'),
    requestPasswordReset: unused('auth.requestPasswordReset'),
    resetPassword: unused('auth.resetPassword'),
    verifyEmail: unused('auth.verifyEmail'),
    resendVerification: unused('auth.resendVerification'),
    acceptInvite: unused('auth.acceptInvite'),
    beginTotpEnrolment: unused('auth.beginTotpEnrolment'),
    confirmTotpEnrolment: unused('auth.confirmTotpEnrolment'),
  },
  account: {
    updateProfile: unused('account.updateProfile'),
    changeEmail: unused('account.changeEmail'),
    changePassword: unused('account.changePassword'),
    listSessions: unused('account.listSessions'),
    revokeSession: unused('account.revokeSession'),
    revokeOtherSessions: unused('account.revokeOtherSessions'),
    listAddresses: unused('account.listAddresses'),
    createAddress: unused('account.createAddress'),
    updateAddress: unused('account.updateAddress'),
    deleteAddress: unused('account.deleteAddress'),
    setDefaultAddress: unused('account.setDefaultAddress'),
  },
  staff: {
    listStaff: unused('staff.listStaff'),
    invite: unused('staff.invite'),
    changeRole: unused('staff.changeRole'),
    deactivate: unused('staff.deactivate'),
    reactivate: unused('staff.reactivate'),
    listRoles: unused('staff.listRoles'),
    mailbox: unused('staff.mailbox'),
  },
  apiKeys: {
    list: unused('apiKeys.list'),
    create: unused('apiKeys.create'),
    revoke: unused('apiKeys.revoke'),
    authenticate: unused('apiKeys.authenticate'),
  },
  sessions: {
    create: unused('sessions.create'),
    validate: unused('sessions.validate'),
    delete: unused('sessions.delete'),
    deleteAllForUser: unused('sessions.deleteAllForUser'),
    markSecondFactorVerified: unused('sessions.markSecondFactorVerified'),
  },
  demoMode: false,
};
