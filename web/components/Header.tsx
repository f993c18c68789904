'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useSession } from './session';
import { logout } from '@/lib/auth';

export function Header() {
  const { user } = useSession();
  const router = useRouter();
  return (
    <header className="top">
      {/* prefetch={false} here and in the sidebar: Next fetched every visible link's page and code while a cold page
          was still starting (nine fetches and their scripts on a document's page), competing with the session, the
          document and the editor for the browser's main thread; a page is now fetched when it is opened. */}
      <Link className="brand" href="/" prefetch={false}>Knowledge Network</Link>
      <nav aria-label="Main">
        {user ? (
          <>
            <Link href="/workspaces" prefetch={false}>Workspaces</Link>
            <Link href="/search" prefetch={false}>Search</Link>
            <Link href="/account" prefetch={false}>Account</Link>
            <span className="muted" data-testid="whoami">{user.displayName}</span>
            <button className="secondary" onClick={async () => { await logout(false); router.push('/login'); }}>Sign out</button>
          </>
        ) : (
          <>
            <Link href="/login" prefetch={false}>Sign in</Link>
            <Link href="/register" prefetch={false}>Register</Link>
          </>
        )}
      </nav>
    </header>
  );
}
