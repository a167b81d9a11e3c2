import type { ReactNode } from 'react';
import { surfaceClass } from '@/components/ui/styles';
import { Container } from '../container';

/** The centred card of the sign-in, sign-up and emailed-link pages. */
export function AuthShell({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <Container className="flex justify-center py-12 sm:py-20">
      <div className="w-full max-w-md">
        <div className={`${surfaceClass} p-6 sm:p-10`}>
          <h1 className="font-display font-semibold text-3xl text-stone-900 tracking-tight">
            {title}
          </h1>
          {description ? (
            <div className="mt-2 text-stone-600 leading-relaxed">{description}</div>
          ) : null}
          <div className="mt-8">{children}</div>
        </div>
        {footer ? <div className="mt-6 text-center text-sm text-stone-600">{footer}</div> : null}
      </div>
    </Container>
  );
}
