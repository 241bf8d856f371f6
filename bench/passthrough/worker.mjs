// The anchor for the edge worker's overhead: a trivial JavaScript worker on
// the same workerd that forwards a status read to the emulator, the way the
// Rust worker does, minus everything else (no validation, no handle, no rate
// limit). GET /api/verify/sessions/{id} → GET {UPSTREAM}/api/v2/subaccounts/{SUB}/sessions/{id}.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const id = url.pathname.split('/')[4];
    if (!url.pathname.startsWith('/api/verify/sessions/') || !id) return new Response('not found', { status: 404 });
    const upstream = await fetch(`${env.UPSTREAM}/api/v2/subaccounts/${env.SUB_ACCOUNT}/sessions/${encodeURIComponent(id)}`, {
      headers: { authorization: `Bearer ${env.API_KEY}` },
    });
    return new Response(upstream.body, { status: upstream.status, headers: { 'content-type': 'application/json' } });
  },
};
