// Next.js config of the Knowledge Network front end (issue 17).
// In production the api-gateway is the one origin: /graphql, /collab/*, /api/v1/*, /admin/* go to the
// services, every other path to this app. The rewrites below make the same relative URLs work when the
// app is reached directly (next dev, or the standalone server on :8087 in tests): they forward those
// paths to KN_GATEWAY_URL. They never apply behind the gateway, which routes the paths itself.
const gateway = (process.env.KN_GATEWAY_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');

// The app's own Content-Security-Policy (the gateway keeps an app's CSP and adds its strict default only
// when there is none). Next's App Router streams its page data in inline <script> tags, the same for every
// visitor of a static page, so a per-request nonce is impossible with HTML cached for an hour: inline
// scripts are allowed, but every script, style, font, image and connection stays on this origin.
const dev = process.env.NODE_ENV !== 'production';
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  reactStrictMode: true,
  async rewrites() {
    return {
      beforeFiles: [
        { source: '/graphql', destination: `${gateway}/graphql` },
        { source: '/collab/:path*', destination: `${gateway}/collab/:path*` },
        { source: '/api/v1/:path*', destination: `${gateway}/api/v1/:path*` },
        { source: '/admin/:path*', destination: `${gateway}/admin/:path*` },
      ],
    };
  },
  async headers() {
    return [
      { source: '/:path*', headers: [{ key: 'Content-Security-Policy', value: csp }] },
      // Hashed build assets never change under their name: a CDN and the browser keep them a year.
      { source: '/_next/static/:path*', headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }] },
      // Pages: one hour. The HTML is the same for everybody (user data is fetched and rendered by the client).
      {
        source: '/((?!_next/|session/|healthz|graphql|collab/|api/|admin/).*)',
        headers: [{ key: 'Cache-Control', value: 'public, max-age=3600' }],
      },
    ];
  },
};

export default nextConfig;
