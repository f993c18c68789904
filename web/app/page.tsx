'use client';
import Link from 'next/link';
import { useEffect } from 'react';
import { useRouter } from 'next/navigation';
import { useSession } from '@/components/session';

export default function Home() {
  const { user, ready } = useSession();
  const router = useRouter();
  useEffect(() => { if (ready && user) router.replace('/workspaces'); }, [ready, user, router]);
  return (
    <div className="narrow">
      <h1>Knowledge Network</h1>
      <p>Read, link, search and co-edit your team’s notes in Markdown.</p>
      <p className="row"><Link className="button" href="/login">Sign in</Link><Link className="button secondary" href="/register">Create an account</Link></p>
    </div>
  );
}
