/** The human-readable summary import-osm prints: what was built and everything that was dropped. */
import type { ImportReport } from './importScenario.ts';

const int = (n: number) => n.toLocaleString('en-US');
const km = (m: number) => (m / 1000).toFixed(1);

export function formatImportReport(r: ImportReport, outDir: string): string {
  const g = r.network;
  const lines: string[] = [];
  lines.push(`imported ${r.file} (${int(r.osm.nodes)} nodes, ${int(r.osm.ways)} ways, ${int(r.osm.relations)} relations) into ${outDir}`);
  lines.push(`walking network: ${int(g.nodes)} nodes, ${int(g.edges)} edges, ${km(g.lengthM)} km walkable (${int(g.walkableWays)} walkable ways)`);
  const ex = Object.entries(g.excludedHighways).map(([k, v]) => `${k} ${int(v)}`).join(', ');
  lines.push(`  dropped: highways not walkable: ${ex || 'none'}`);
  lines.push(`  dropped: ${int(g.components - 1)} small disconnected pieces with ${int(g.droppedNodes)} nodes, ${int(g.droppedEdges)} edges, ${km(g.droppedLengthM)} km (largest of ${int(g.components)} components kept)`);
  lines.push(`  clipped: ${int(g.waysWithMissingNodes)} walkable ways reference ${int(g.missingNodeRefs)} nodes missing from the extract (split at the gaps; ${int(g.droppedPieces)} one-node pieces dropped)`);
  if (r.buildings) {
    const b = r.buildings;
    lines.push(`blocks: ${int(r.blocks)} residential buildings, ${int(r.residents)} residents (of ${int(b.buildings)} buildings, ${int(b.residential)} residential, ${int(b.withLevels)} with building:levels)`);
    lines.push(`  dropped: ${int(b.missingNodes)} buildings with missing nodes, ${int(b.notPolygons)} not closed polygons, ${int(b.noResidents)} too small for one resident; building relations (multipolygons) are not read`);
  } else if (r.grid) {
    lines.push(`blocks: ${int(r.blocks)} population grid cells, ${int(r.residents)} residents (of ${int(r.grid.rows)} rows)`);
    lines.push(`  dropped: ${int(r.grid.blankRows.length)} rows with blank values${r.grid.blankRows.length ? ` (rows ${r.grid.blankRows.map((b) => b.row).join(', ')})` : ''}, ${int(r.grid.emptyCells)} cells without residents`);
  }
  const bySvc = Object.entries(r.facilitiesByService).map(([k, v]) => `${k} ${v}`).join(', ');
  lines.push(`facilities: ${int(r.facilities)} (${bySvc})`);
  if (r.unmappedServices.length) lines.push(`  no OSM tag maps to: ${r.unmappedServices.join(', ')}`);
  const byKind = Object.entries(r.candidatesByKind).map(([k, v]) => `${k} ${v}`).join(', ');
  lines.push(`candidates: ${int(r.candidates)} idle spaces (${byKind || 'none from OSM'}${r.candidatesFromCsv ? `; ${r.candidatesFromCsv} from CSV` : ''}; ${r.candidatesWithDefaultArea} given the default area)`);
  lines.push(`unreachable (beyond the snapping limit): ${int(r.farBlocks.length)} blocks, ${int(r.farSites.length)} sites`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}
