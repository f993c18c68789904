import type { Metadata } from 'next';
import './globals.css';
import { Header } from '@/components/Header';

export const metadata: Metadata = {
  title: 'Knowledge Network',
  description: 'Read, link, search and co-edit your team’s knowledge',
};

// The HTML is the same for every visitor (cached an hour by the CDN): everything about the user is
// fetched and rendered in the browser.
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip" href="#main">Skip to content</a>
        <Header />
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
