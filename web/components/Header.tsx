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
      <Link className="brand" href="/">Knowledge Network</Link>
      <nav aria-label="Main">
        {user ? (
          <>
            <Link href="/workspaces">Workspaces</Link>
            <Link href="/search">Search</Link>
            <Link href="/account">Account</Link>
            <span className="muted" data-testid="whoami">{user.displayName}</span>
            <button className="secondary" onClick={async () => { await logout(false); router.push('/login'); }}>Sign out</button>
          </>
        ) : (
          <>
            <Link href="/login">Sign in</Link>
            <Link href="/register">Register</Link>
          </>
        )}
      </nav>
    </header>
  );
}
