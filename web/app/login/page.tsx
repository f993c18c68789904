'use client';
import { Suspense, useState } from 'react';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { login, verifyMfa } from '@/lib/auth';
import { ErrorText } from '@/components/session';

function LoginForm() {
  const router = useRouter();
  const next = useSearchParams().get('next') || '/workspaces';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const safeNext = next.startsWith('/') && !next.startsWith('//') ? next : '/workspaces';

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      if (challenge) {
        await verifyMfa(challenge, code.trim());
        router.replace(safeNext);
      } else {
        const outcome = await login(email, password);
        if ('mfaChallenge' in outcome) setChallenge(outcome.mfaChallenge);
        else router.replace(safeNext);
      }
    } catch (err) { setError(err); } finally { setBusy(false); }
  }

  return (
    <form className="narrow" onSubmit={submit} aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      {!challenge ? (
        <>
          <label htmlFor="email">Email</label>
          <input id="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <label htmlFor="password">Password</label>
          <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </>
      ) : (
        <>
          <p>Enter the 6-digit code from your authenticator app, or one of your recovery codes.</p>
          <label htmlFor="code">Authentication code</label>
          <input id="code" inputMode="numeric" autoComplete="one-time-code" required autoFocus value={code} onChange={(e) => setCode(e.target.value)} />
        </>
      )}
      <ErrorText error={error} />
      <p><button type="submit" disabled={busy}>{challenge ? 'Verify' : 'Sign in'}</button></p>
      <p className="muted">No account? <Link href="/register">Create one</Link>.</p>
    </form>
  );
}

export default function LoginPage() {
  return <Suspense><LoginForm /></Suspense>;
}
