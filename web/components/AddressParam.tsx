'use client';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';

/**
 * The page's view with the id its address carries (`?<name>=...`), or, when the address has none (a link cut short, an
 * address typed by hand), a message that says so, rather than a request the API must refuse.
 */
export function WithAddressParam({ name, what, view }: { name: string; what: string; view: (value: string) => React.ReactNode }) {
  const value = useSearchParams().get(name)?.trim();
  if (!value) {
    return (
      <div className="page">
        <p className="error" role="alert">
          This address names no {what} (it should end in <code>?{name}=</code> and the {what}&apos;s id). Open it from <Link href="/workspaces">your workspaces</Link>.
        </p>
      </div>
    );
  }
  return <>{view(value)}</>;
}
