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
    const p = r.population;
    const reasons = (m: Record<string, number>) => Object.entries(m).sort((a, c) => c[1] - a[1] || (a[0] < c[0] ? -1 : 1)).map(([k, v]) => `${k} ${int(v)}`).join(', ');
    lines.push(`blocks: ${int(r.blocks)} homes, ${int(r.residents)} residents (${p.method}; footprint estimate ${int(p.estimate ?? 0)}), ${int(p.residentsPerKm2 ?? 0)} residents/km² of residential land (${(p.residentialLandKm2 ?? 0).toFixed(2)} km²)`);
    lines.push(`  buildings by class: ${int(b.buildings)} buildings (${int(b.fromRelations)} multipolygon${b.fromRelations === 1 ? '' : 's'}): housing ${int(b.housing)}, doubted ${int(b.doubted)} (${b.doubtedCounted ? 'counted as homes' : 'left out'}), dropped ${int(b.dropped)}`);
    if (b.doubted) lines.push(`  doubted: ${reasons(b.doubtedByReason)}; ${b.doubtedRule}`);
    if (b.dropped) lines.push(`  dropped (not homes): ${reasons(b.droppedByReason)}`);
    lines.push(`  storeys of the homes: building:levels ${int(b.levelsFrom.levels)}, height ${int(b.levelsFrom.height)}, default per type ${int(b.levelsFrom.default)}`);
    lines.push(`  dropped: ${int(b.missingNodes)} buildings with missing nodes, ${int(b.notPolygons)} not closed polygons, ${int(b.noResidents)} homes with no whole resident`);
    if (p.areas) for (const a of p.areas) lines.push(`  area ${a.name}: ${int(a.population)} residents over ${int(a.homes)} homes (footprint estimate ${int(a.estimate)})${a.found ? '' : ' - not found in the extract'}`);
    const ages = Object.entries(r.agesByArea);
    if (ages.length > 1 || ages[0]?.[0] !== 'city-wide') lines.push(`  age profiles: ${ages.map(([k, v]) => `${k} ${int(v)} blocks`).join(', ')}`);
  } else if (r.grid) {
    lines.push(`blocks: ${int(r.blocks)} population grid cells, ${int(r.residents)} residents (of ${int(r.grid.rows)} rows)`);
    lines.push(`  dropped: ${int(r.grid.blankRows.length)} rows with blank values${r.grid.blankRows.length ? ` (rows ${r.grid.blankRows.map((b) => b.row).join(', ')})` : ''}, ${int(r.grid.emptyCells)} cells without residents`);
  }
  const bySvc = Object.entries(r.facilitiesByService).map(([k, v]) => `${k} ${v}`).join(', ');
  lines.push(`facilities: ${int(r.facilities)} (${bySvc})`);
  if (r.unmappedServices.length) lines.push(`  no OSM tag maps to: ${r.unmappedServices.join(', ')}`);
  const byKind = Object.entries(r.candidatesByKind).map(([k, v]) => `${k} ${v}`).join(', ');
  lines.push(`idle spaces by kind: ${int(r.candidates)} (${byKind || 'none from OSM'}${r.candidatesFromCsv ? `; ${r.candidatesFromCsv} from CSV` : ''}; ${r.candidatesWithDefaultArea} given the default area)`);
  const skipped = Object.entries(r.candidatesSkipped ?? {}).map(([k, v]) => `${k} ${v}`).join(', ');
  if (skipped) lines.push(`  not taken: ${skipped}`);
  lines.push(`unreachable (beyond the snapping limit): ${int(r.farBlocks.length)} blocks, ${int(r.farSites.length)} sites`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}
