/**
 * import-osm's engine: an OSM extract (+ optional population grid and candidate CSV) -> a complete
 * Scenario with an OSM walking network. Nothing is written here except by importOsmToFolder, which
 * writes the scenario folder and its network.bin atomically.
 */
import path from 'node:path';
import { InputError } from '../core/errors.ts';
import { readCsv } from '../io/csv.ts';
import { writeNetworkFile } from '../network/binary.ts';
import type { RoadNetwork } from '../network/network.ts';
import { DEFAULT_SNAP_LIMIT_M, farPointsWarning, SnapIndex } from '../network/snap.ts';
import { defaultCatalogue } from '../scenario/defaults.ts';
import { Problems, tableFromCsv } from '../scenario/rows.ts';
import { parseCandidates } from '../scenario/tables/candidates.ts';
import type { Blocks, Scenario } from '../scenario/types.ts';
import { writeScenario } from '../scenario/write.ts';
import { blockPoints, sitePoints } from '../travel/sites.ts';
import { DEFAULT_AGE_PROFILE } from './ageProfile.ts';
import { blocksFromBuildings, DEFAULT_LEVELS, DEFAULT_M2_PER_RESIDENT, type BuildingReport } from './blocks.ts';
import { candidatesFromTags, concatCandidates, DEFAULT_CANDIDATE_AREA_M2, type CandidateReport } from './candidates.ts';
import { facilitiesFromTags, type FacilityReport } from './facilities.ts';
import { blankRowsWarning, blocksFromPopulationGrid, type GridReport } from './populationGrid.ts';
import { readOsm } from './read.ts';
import { DEFAULT_TAG_SERVICES, readTagServices } from './tagServices.ts';
import { buildWalkGraph, type WalkGraphReport } from './walkGraph.ts';

export interface ImportOptions {
  /** Population grid CSV (id, lon, lat, population) used for blocks instead of buildings. */
  populationCsv?: string;
  levelsDefault?: number;
  m2PerResident?: number;
  snapLimitM?: number;
  ageShares?: readonly number[];
  /** Extra candidate spaces (candidates.csv columns). */
  candidatesCsv?: string;
  candidateAreaM2?: number;
  tagServicesCsv?: string;
  name?: string;
  seed?: number;
}

export interface ImportReport {
  file: string;
  osm: { nodes: number; ways: number; relations: number };
  network: WalkGraphReport;
  blocksFrom: 'buildings' | 'population grid';
  buildings?: BuildingReport;
  grid?: GridReport;
  blocks: number;
  residents: number;
  facilities: number;
  facilitiesByService: FacilityReport['byService'];
  /** Services no tag in the mapping table leads to. */
  unmappedServices: string[];
  candidates: number;
  candidatesByKind: CandidateReport['byKind'];
  candidatesWithDefaultArea: number;
  candidatesFromCsv: number;
  /** Blocks / sites farther than the snapping limit from any street (by id). */
  farBlocks: string[];
  farSites: string[];
  warnings: string[];
  seconds: { read: number; graph: number; features: number };
}

export interface ImportResult {
  scenario: Scenario;
  network: RoadNetwork;
  report: ImportReport;
}

/** Build the scenario in memory; `networkFile` is where its network.bin will live. */
export async function importOsm(file: string, networkFile: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const levelsDefault = opts.levelsDefault ?? DEFAULT_LEVELS;
  const m2PerResident = opts.m2PerResident ?? DEFAULT_M2_PER_RESIDENT;
  const snapLimitM = opts.snapLimitM ?? DEFAULT_SNAP_LIMIT_M;
  const ageShares = opts.ageShares ?? DEFAULT_AGE_PROFILE;
  const warnings: string[] = [];
  const { services, serviceIndex, behaviour } = await defaultCatalogue();
  const tagTable = await readTagServices(serviceIndex, opts.tagServicesCsv ?? DEFAULT_TAG_SERVICES);

  let t = performance.now();
  const x = await readOsm(file);
  const tRead = (performance.now() - t) / 1000;
  t = performance.now();
  const graph = buildWalkGraph(x);
  const tGraph = (performance.now() - t) / 1000;
  if (graph.network.edgeCount === 0) throw new InputError(file, 'has no walkable streets (no highway ways usable on foot), so no walking network can be built');
  t = performance.now();

  let blocks: Blocks;
  let buildings: BuildingReport | undefined;
  let grid: GridReport | undefined;
  if (opts.populationCsv) {
    const g = await blocksFromPopulationGrid(opts.populationCsv, ageShares);
    blocks = g.blocks;
    grid = g.report;
    const w = blankRowsWarning(opts.populationCsv, g.report);
    if (w) warnings.push(w);
    if (blocks.count === 0) throw new InputError(opts.populationCsv, 'has no cell with residents');
  } else {
    const b = blocksFromBuildings(x, { levelsDefault, m2PerResident, ageShares });
    blocks = b.blocks;
    buildings = b.report;
    if (blocks.count === 0) throw new InputError(file, `has no residential buildings with a footprint (${b.report.buildings} buildings in all); give a population grid with --population <csv>`);
  }
  const fac = facilitiesFromTags(x, tagTable, services);
  const cand = candidatesFromTags(x, services, opts.candidateAreaM2 ?? DEFAULT_CANDIDATE_AREA_M2);
  let candidates = cand.candidates;
  let fromCsv = 0;
  if (opts.candidatesCsv) {
    const problems = new Problems();
    const extra = parseCandidates(tableFromCsv(await readCsv(opts.candidatesCsv)), problems, services, serviceIndex);
    problems.throwIfAny();
    const have = new Set(candidates.ids);
    extra.ids.forEach((id, i) => {
      if (have.has(id)) throw new InputError(opts.candidatesCsv!, `candidate id '${id}' is also the id of a space found in the OSM file`, i + 2, 'id');
    });
    candidates = concatCandidates(candidates, extra);
    fromCsv = extra.count;
  }
  if (candidates.count === 0) warnings.push('no candidate idle spaces were found (no shop=vacant, disused:*, brownfield or construction tags): the scenario simulates today, but the optimizer has nothing to convert; add spaces with --candidates <csv>');
  const unmapped = tagTable.unmapped.map((k) => services[k].id);

  const base = path.basename(file).replace(/\.osm(\.pbf)?$|\.pbf$|\.xml$/i, '');
  const scenario: Scenario = {
    name: opts.name ?? base,
    description: `Imported by quarterhour import-osm from ${path.basename(file)}${opts.populationCsv ? ` with population grid ${path.basename(opts.populationCsv)}` : ` (population: building footprint x levels (default ${levelsDefault}) / ${m2PerResident} m² per resident)`}. Map data © OpenStreetMap contributors, ODbL.`,
    source: '',
    seed: opts.seed ?? 1,
    services,
    serviceIndex,
    blocks,
    facilities: fac.facilities,
    candidates,
    behaviour,
    network: { kind: 'osm', file: networkFile, snapLimitM },
    budget: { maxConversions: Math.min(10, candidates.count) },
    constraints: { minCount: {}, ageWeights: Float64Array.from([1.5, 1, 1, 1, 1.5, 2]), equity: {} },
  };

  // Snap everything once now, to report what would stay unreachable.
  const index = new SnapIndex(graph.network);
  const bp = blockPoints(scenario);
  const sp = sitePoints(scenario);
  const bs = index.snapAll(bp.lon, bp.lat, snapLimitM);
  const ss = index.snapAll(sp.lon, sp.lat, snapLimitM);
  const siteIds = [...scenario.facilities.ids, ...scenario.candidates.ids];
  for (const w of [farPointsWarning('blocks', blocks.ids, bs), farPointsWarning('sites (facilities and candidates)', siteIds, ss)]) if (w) warnings.push(w);
  const tFeatures = (performance.now() - t) / 1000;

  let residents = 0;
  for (let i = 0; i < blocks.count; i++) residents += blocks.population[i];
  return {
    scenario,
    network: graph.network,
    report: {
      file,
      osm: { nodes: x.counts.nodes, ways: x.counts.ways, relations: x.counts.relations },
      network: graph.report,
      blocksFrom: opts.populationCsv ? 'population grid' : 'buildings',
      buildings,
      grid,
      blocks: blocks.count,
      residents,
      facilities: fac.facilities.count,
      facilitiesByService: fac.report.byService,
      unmappedServices: unmapped,
      candidates: candidates.count,
      candidatesByKind: cand.report.byKind,
      candidatesWithDefaultArea: cand.report.defaultArea,
      candidatesFromCsv: fromCsv,
      farBlocks: bs.far.map((i) => blocks.ids[i]),
      farSites: ss.far.map((i) => siteIds[i]),
      warnings,
      seconds: { read: tRead, graph: tGraph, features: tFeatures },
    },
  };
}

/** Import and write the scenario folder (scenario.json, the CSV tables and network.bin) atomically. */
export async function importOsmToFolder(file: string, outDir: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const networkFile = path.resolve(outDir, 'network.bin');
  const result = await importOsm(file, networkFile, opts);
  await writeScenario(outDir, result.scenario, (tmp) => writeNetworkFile(path.join(tmp, 'network.bin'), result.network));
  return result;
}
