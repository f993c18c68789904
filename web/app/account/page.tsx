'use client';
import { useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import QRCode from 'qrcode';
import { gql } from '@/lib/gql';
import { logout } from '@/lib/auth';
import { ErrorText, RequireAuth, useSession } from '@/components/session';

function Account() {
  const { user } = useSession();
  const router = useRouter();
  const [password, setPassword] = useState('');
  const [enrol, setEnrol] = useState<{ secret: string; otpauthUri: string; qr: string } | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [disableCode, setDisableCode] = useState('');
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);
  // Whether sign-in asks for a code: the set-up form for an account without it, the turn-off form for one with it.
  const [mfaOn, setMfaOn] = useState<boolean | null>(null);
  useEffect(() => {
    gql('{ me { mfaEnabled } }').then((d) => setMfaOn(Boolean(d.me.mfaEnabled)), setError);
  }, []);

  async function run(fn: () => Promise<void>) {
    setError(null); setNotice('');
    try { await fn(); } catch (e) { setError(e); }
  }
  return (
    <div className="page">
      <h1>Account</h1>
      <p>{user?.displayName} · {user?.email}</p>
      <ErrorText error={error} />
      {notice && <p className="notice" role="status">{notice}</p>}

      <h2>Two-factor authentication</h2>
      {mfaOn && !codes && <p className="notice" role="status">Two-factor authentication is on: signing in asks for a code from your authenticator app.</p>}
      {mfaOn === false && !enrol && !codes && (
        <form onSubmit={(e) => { e.preventDefault(); void run(async () => {
          const d = await gql('mutation($p:String!){ enrollMfa(password:$p){ secret otpauthUri } }', { p: password });
          const qr = await QRCode.toDataURL(d.enrollMfa.otpauthUri, { margin: 1, width: 220 }); // generated here, never by a remote service
          setEnrol({ ...d.enrollMfa, qr }); setPassword('');
        }); }}>
          <label htmlFor="mfa-password">Your password, to turn on an authenticator app</label>
          <input id="mfa-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          <p><button type="submit">Set up authenticator</button></p>
        </form>
      )}
      {enrol && (
        <form onSubmit={(e) => { e.preventDefault(); void run(async () => {
          const d = await gql('mutation($c:String!){ confirmMfa(code:$c){ codes } }', { c: code.trim() });
          setCodes(d.confirmMfa.codes); setEnrol(null); setCode(''); setMfaOn(true);
        }); }}>
          <p>Scan this code with your authenticator app, or enter the key by hand.</p>
          {/* A data: URL drawn here: next/image would have nothing to optimise. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={enrol.qr} alt={`QR code of the authenticator key ${enrol.secret}`} width={220} height={220} />
          <p>Key: <code>{enrol.secret}</code></p>
          <label htmlFor="mfa-code">The 6-digit code the app shows</label>
          <input id="mfa-code" inputMode="numeric" required value={code} onChange={(e) => setCode(e.target.value)} />
          <p><button type="submit">Turn on</button></p>
        </form>
      )}
      {codes && (
        <div className="notice" role="status">
          <p>Two-factor authentication is on. Keep these one-time recovery codes somewhere safe:</p>
          <ul>{codes.map((c) => <li key={c}><code>{c}</code></li>)}</ul>
        </div>
      )}
      {mfaOn && <form onSubmit={(e) => { e.preventDefault(); void run(async () => {
        await gql('mutation($c:String!){ disableMfa(code:$c) }', { c: disableCode.trim() });
        setDisableCode(''); setCodes(null); setMfaOn(false); setNotice('Two-factor authentication is off.');
      }); }}>
        <label htmlFor="mfa-off">Turn it off: an authenticator or recovery code</label>
        <div className="row"><input id="mfa-off" style={{ maxWidth: 200 }} value={disableCode} onChange={(e) => setDisableCode(e.target.value)} /><button className="secondary" type="submit">Turn off</button></div>
      </form>}

      <h2>Sessions</h2>
      <p><button className="danger" onClick={() => void run(async () => { await logout(true); router.push('/login'); })}>Sign out everywhere</button></p>
      <p className="muted">Ends every sign-in of this account, on every device.</p>
    </div>
  );
}

export default function AccountPage() {
  return <RequireAuth><Account /></RequireAuth>;
}
