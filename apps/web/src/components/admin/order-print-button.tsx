'use client';

import { Button } from '@/components/ui/button';

/** Opens the browser's print dialog for the page. */
export function OrderPrintButton() {
  return (
    <Button onClick={() => window.print()} className="print:hidden">
      Print
    </Button>
  );
}
