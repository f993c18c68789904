'use client';
import { useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { auth, signedOutDeliberately } from '@/lib/auth';
import type { SessionUser } from '@/lib/tokens';

/** The signed-in user (restored from the refresh cookie on first use); `ready` once that is known. */
export function useSession() {
  const [user, setUser] = useState<SessionUser | null>(auth.user);
  const [ready, setReady] = useState(auth.signedIn);
  useEffect(() => {
    const off = auth.onChange((u) => { setUser(u); setReady(true); });
    auth.freshToken().catch(() => null).finally(() => { setUser(auth.user); setReady(true); });
    return off;
  }, []);
  return { user, ready };
}

/** Renders children only for a signed-in user; sends others to the sign-in page. */
export function RequireAuth({ children }: { children: React.ReactNode }) {
  const { user, ready } = useSession();
  const router = useRouter();
  useEffect(() => {
    if (!ready || user) return;
    router.replace(signedOutDeliberately() ? '/login' : `/login?next=${encodeURIComponent(location.pathname + location.search)}`);
  }, [ready, user, router]);
  if (!ready) return <p className="page muted" role="status">Loading…</p>;
  if (!user) return null;
  return <>{children}</>;
}

export function ErrorText({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return <p className="error" role="alert">{message}</p>;
}
