'use client';
// The workspace's knowledge graph: one `workspaceGraph` query (every document outside the trash and the links
// between them, the best-connected first), drawn with d3-force. Each node is a link (Tab reaches it, Enter opens it).
import { Suspense, useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, type SimulationNodeDatum } from 'd3-force';
import { gql } from '@/lib/gql';
import { WithAddressParam } from '@/components/AddressParam';
import { ErrorText, RequireAuth } from '@/components/session';

type N = SimulationNodeDatum & { id: string; title: string; links: number };
type E = { source: string | N; target: string | N };
type Graph = { nodes: { id: string; title: string; links: number }[]; edges: { source: string; target: string }[]; documentCount: number };
const W = 900, H = 600;

async function workspaceGraph(ws: string): Promise<Graph> {
  const d = await gql('query($w:ID!){ workspaceGraph(workspaceId:$w){ nodes { id title links } edges { source target } documentCount } }', { w: ws });
  return d.workspaceGraph;
}

function GraphView({ ws }: { ws: string }) {
  const router = useRouter();
  const [layout, setLayout] = useState<{ nodes: N[]; edges: { source: N; target: N }[]; documentCount: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let stop = false;
    workspaceGraph(ws).then(({ nodes, edges, documentCount }) => {
      const ns: N[] = nodes.map((n) => ({ ...n }));
      const es: E[] = edges.map((e) => ({ ...e }));
      const sim = forceSimulation(ns)
        .force('link', forceLink<N, E>(es).id((n) => n.id).distance(90))
        .force('charge', forceManyBody().strength(-260))
        .force('center', forceCenter(W / 2, H / 2))
        .force('collide', forceCollide(30))
        .stop();
      for (let i = 0; i < 300; i++) sim.tick();
      for (const n of ns) { n.x = Math.max(40, Math.min(W - 40, n.x ?? 0)); n.y = Math.max(20, Math.min(H - 20, n.y ?? 0)); }
      if (!stop) setLayout({ nodes: ns, edges: es as { source: N; target: N }[], documentCount });
    }, setError);
    return () => { stop = true; };
  }, [ws]);
  return (
    <div className="page" style={{ maxWidth: 'none' }}>
      <h1>Knowledge graph</h1>
      <ErrorText error={error} />
      {!layout && !error && <p role="status">Drawing…</p>}
      {/* A group, not an image: its nodes are links, and an image may hold no controls. */}
      {layout && layout.documentCount > layout.nodes.length && (
        <p role="status">Showing the {layout.nodes.length} most linked of {layout.documentCount} documents.</p>
      )}
      {layout && (
        <svg className="graph" viewBox={`0 0 ${W} ${H}`} role="group" aria-label={`Graph of ${layout.nodes.length} documents and ${layout.edges.length} links`} data-testid="graph">
          <defs><marker id="arrow" viewBox="0 0 10 10" refX="18" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6b7682" /></marker></defs>
          {layout.edges.map((e, i) => <line key={i} x1={e.source.x} y1={e.source.y} x2={e.target.x} y2={e.target.y} stroke="#8895a3" markerEnd="url(#arrow)" />)}
          {layout.nodes.map((n) => (
            <a key={n.id} href={`/doc?id=${n.id}`} onClick={(e) => { e.preventDefault(); router.push(`/doc?id=${n.id}`); }} aria-label={n.title}>
              <circle cx={n.x} cy={n.y} r={8 + Math.min(n.links, 8) * 1.5} fill="#0b5cad" />
              <text x={(n.x ?? 0) + 12} y={(n.y ?? 0) + 4}>{n.title}</text>
            </a>
          ))}
        </svg>
      )}
    </div>
  );
}

export default function Page() { return <RequireAuth><Suspense><WithAddressParam name="ws" what="workspace" view={(ws) => <GraphView ws={ws} />} /></Suspense></RequireAuth>; }
