// Liveness/readiness of the web app itself: no backend calls, so a slow API never restarts the pods.
export const dynamic = 'force-static';

export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
