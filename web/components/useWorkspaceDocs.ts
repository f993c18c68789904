'use client';
import { useCallback, useEffect, useState } from 'react';
import { getWorkspace, listDocuments, type DocSummary, type Workspace } from '@/lib/api';

/** A workspace and its documents by status, reloadable after a change. */
export function useWorkspaceDocs(workspaceId: string | null | undefined) {
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const [docs, setDocs] = useState<DocSummary[]>([]);
  const [archived, setArchived] = useState<DocSummary[]>([]);
  const [trashed, setTrashed] = useState<DocSummary[]>([]);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    if (!workspaceId) return;
    try {
      const [w, a, b, c] = await Promise.all([getWorkspace(workspaceId), listDocuments(workspaceId), listDocuments(workspaceId, 'ARCHIVED'), listDocuments(workspaceId, 'TRASHED')]);
      setWorkspace(w); setDocs(a); setArchived(b); setTrashed(c); setError(null);
    } catch (e) { setError(e); }
  }, [workspaceId]);
  useEffect(() => { void reload(); }, [reload]);
  return { workspace, docs, archived, trashed, error, setError, reload };
}
