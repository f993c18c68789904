'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { register } from '@/lib/auth';
import { ErrorText } from '@/components/session';

export default function RegisterPage() {
  const router = useRouter();
  const [displayName, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true); setError(null);
    try { await register(email, password, displayName); router.replace('/workspaces'); }
    catch (err) { setError(err); } finally { setBusy(false); }
  }
  return (
    <form className="narrow" onSubmit={submit} aria-labelledby="reg-title">
      <h1 id="reg-title">Create an account</h1>
      <label htmlFor="name">Your name</label>
      <input id="name" required autoComplete="name" value={displayName} onChange={(e) => setName(e.target.value)} />
      <label htmlFor="email">Email</label>
      <input id="email" type="email" required autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <label htmlFor="password">Password (10 characters or more)</label>
      <input id="password" type="password" required minLength={10} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <ErrorText error={error} />
      <p><button type="submit" disabled={busy}>Create account</button></p>
    </form>
  );
}
