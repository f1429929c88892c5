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
import { readGeojsonTable } from '../scenario/geojsonTable.ts';
import { Problems, tableFromCsv } from '../scenario/rows.ts';
import { parseCandidates } from '../scenario/tables/candidates.ts';
import type { Blocks, Scenario } from '../scenario/types.ts';
import { writeScenario } from '../scenario/write.ts';
import { blockPoints, sitePoints } from '../travel/sites.ts';
import { N_AGE_BANDS } from '../core/ageBands.ts';
import { DEFAULT_AGE_PROFILE } from './ageProfile.ts';
import { ageAreaIndex, adminAreaIndex, readAreaAges, readAreaPopulation } from './areaTables.ts';
import { blocksOfHomes, DEFAULT_HOUSEHOLD_SIZE, DEFAULT_LEVELS, DEFAULT_M2_PER_RESIDENT, homesFromBuildings, type BuildingReport } from './blocks.ts';
import { plausibility, residentialStreetKm } from './plausibility.ts';
import { largestRemainder, roundEstimates, scaleByArea } from './population.ts';
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
  householdSize?: number;
  /** Whether doubted buildings (building=yes outside mapped land use) count as homes; 'auto' by default. */
  doubted?: 'auto' | 'count' | 'skip';
  /** Known total residents: the homes are scaled to it (largest remainder). */
  populationTotal?: number;
  /** CSV name,population joined to OSM boundary=administrative areas by name. */
  populationByAreaCsv?: string;
  /** Age shares per area: CSV name,0-5,...,75+ (OSM admin areas by name) or a GeoJSON of polygons. */
  ageProfileByArea?: string;
  snapLimitM?: number;
  ageShares?: readonly number[];
  /** Extra candidate spaces (candidates.csv columns), as CSV or GeoJSON (.geojson / .json). */
  candidatesCsv?: string;
  /** Take construction sites as idle spaces too. */
  includeConstruction?: boolean;
  candidateAreaM2?: number;
  tagServicesCsv?: string;
  name?: string;
  seed?: number;
  /** Progress lines (the CLI passes its stderr `progress`): each long step as it ends. */
  log?: (message: string) => void;
}

export interface ImportReport {
  file: string;
  osm: { nodes: number; ways: number; relations: number };
  network: WalkGraphReport;
  blocksFrom: 'buildings' | 'population grid';
  buildings?: BuildingReport;
  /** How the residents were set, with the footprint estimate beside them and their density. */
  population: PopulationReport;
  /** Blocks per age profile: 'city-wide' and each area's label. */
  agesByArea: Record<string, number>;
  grid?: GridReport;
  blocks: number;
  residents: number;
  facilities: number;
  facilitiesByService: FacilityReport['byService'];
  /** Services no tag in the mapping table leads to. */
  unmappedServices: string[];
  candidates: number;
  candidatesByKind: CandidateReport['byKind'];
  /** Tagged spaces not taken, by reason. */
  candidatesSkipped: CandidateReport['skipped'];
  candidatesWithDefaultArea: number;
  candidatesFromCsv: number;
  /** Blocks / sites farther than the snapping limit from any street (by id). */
  farBlocks: string[];
  farSites: string[];
  warnings: string[];
  seconds: { read: number; graph: number; features: number };
}

export interface PopulationReport {
  method: 'population grid' | 'per-area totals' | 'given total' | 'footprint estimate';
  /** The footprint estimate (buildings), rounded; null for a grid. */
  estimate: number | null;
  residents: number;
  residentialLandKm2: number | null;
  residentsPerKm2: number | null;
  /** Per-area totals: each listed area's known population, homes and footprint estimate. */
  areas?: { name: string; population: number; homes: number; estimate: number; found: boolean }[];
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
  opts.log?.(`import-osm: reading ${path.basename(file)}…`);
  const x = await readOsm(file);
  const tRead = (performance.now() - t) / 1000;
  opts.log?.(`import-osm: read ${x.counts.nodes} nodes, ${x.counts.ways} ways, ${x.counts.relations} relations (${tRead.toFixed(1)} s); building the walking network…`);
  t = performance.now();
  const graph = buildWalkGraph(x);
  const tGraph = (performance.now() - t) / 1000;
  opts.log?.(`import-osm: walking network of ${graph.network.edgeCount} edges (${tGraph.toFixed(1)} s); homes, residents, facilities and idle spaces…`);
  if (graph.network.edgeCount === 0) throw new InputError(file, 'has no walkable streets (no highway ways usable on foot), so no walking network can be built');
  t = performance.now();

  let blocks: Blocks;
  let buildings: BuildingReport | undefined;
  let grid: GridReport | undefined;
  let population: PopulationReport;
  // Precedence: a grid, then per-area totals, then one total, then the footprint estimate.
  const given = [opts.populationCsv && '--population', opts.populationByAreaCsv && '--population-by-area', opts.populationTotal !== undefined && '--population-total'].filter((g): g is string => typeof g === 'string');
  if (given.length > 1) warnings.push(`${given.slice(1).join(' and ')} ignored: ${given[0]} takes precedence (a grid, then per-area totals, then one total)`);
  if (opts.populationCsv) {
    const g = await blocksFromPopulationGrid(opts.populationCsv, ageShares);
    blocks = g.blocks;
    grid = g.report;
    const w = blankRowsWarning(opts.populationCsv, g.report);
    if (w) warnings.push(w);
    if (blocks.count === 0) throw new InputError(opts.populationCsv, 'has no cell with residents');
    population = { method: 'population grid', estimate: null, residents: g.report.residents, residentialLandKm2: null, residentsPerKm2: null };
  } else {
    const h = homesFromBuildings(x, { levelsDefault, m2PerResident, householdSize: opts.householdSize ?? DEFAULT_HOUSEHOLD_SIZE, doubted: opts.doubted });
    buildings = h.report;
    if (h.homes.length === 0) throw new InputError(file, `has no residential buildings with a footprint (${h.report.buildings} buildings in all, ${h.report.dropped} not homes, ${h.report.doubted} doubted); give a population grid with --population <csv>`);
    const est = h.homes.map((b) => b.estimate);
    let residents: Int32Array;
    let areas: PopulationReport['areas'];
    let method: PopulationReport['method'] = 'footprint estimate';
    if (opts.populationByAreaCsv) {
      const t = await readAreaPopulation(opts.populationByAreaCsv);
      const { index, found } = adminAreaIndex(x, t.rowOf);
      const areaOf = Int32Array.from(h.homes, (b) => index.find(b.lon, b.lat)?.value ?? -1);
      const scaled = scaleByArea(est, { areaOf, population: t.population });
      residents = scaled.residents;
      method = 'per-area totals';
      areas = t.names.map((name, a) => ({ name, population: t.population[a], homes: 0, estimate: 0, found: found.has(a) }));
      h.homes.forEach((b, i) => {
        if (areaOf[i] >= 0) {
          areas![areaOf[i]].homes++;
          areas![areaOf[i]].estimate += b.estimate;
        }
      });
      for (const a of areas) a.estimate = Math.round(a.estimate);
      const missing = areas.filter((a) => !a.found).map((a) => a.name);
      if (missing.length) warnings.push(`${opts.populationByAreaCsv}: ${missing.length} area${missing.length > 1 ? 's' : ''} not found among the extract's boundary=administrative areas (by name): ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}`);
      const empty = areas.filter((a) => a.found && a.homes === 0 && a.population > 0).map((a) => a.name);
      if (empty.length) warnings.push(`${opts.populationByAreaCsv}: no homes found in ${empty.join(', ')}: their population is not placed`);
      const outside = Array.from(areaOf).filter((a) => a < 0).length;
      if (outside > 0) warnings.push(`${outside} homes lie outside every listed area and keep their footprint estimate`);
    } else if (opts.populationTotal !== undefined) {
      residents = largestRemainder(est, opts.populationTotal);
      method = 'given total';
    } else residents = roundEstimates(est);
    const b = blocksOfHomes(h.homes, residents, ageShares);
    blocks = b.blocks;
    h.report.noResidents = b.noResidents;
    let total = 0;
    for (const r of residents) total += r;
    const p = plausibility(h.homes, h.report.residentialLandM2, total, method, h.report.buildings, residentialStreetKm(x));
    warnings.push(...p.warnings);
    population = { method, estimate: Math.round(h.report.estimate), residents: total, residentialLandKm2: +p.residentialLandKm2.toFixed(4), residentsPerKm2: Math.round(p.residentsPerKm2), areas };
    if (blocks.count === 0) throw new InputError(file, `has no residential buildings with a footprint (${h.report.buildings} buildings in all); give a population grid with --population <csv>`);
  }
  const agesByArea: Record<string, number> = {};
  if (opts.ageProfileByArea) {
    const ages = await readAreaAges(opts.ageProfileByArea);
    const { index, found } = ageAreaIndex(x, ages);
    for (let i = 0; i < blocks.count; i++) {
      const row = index.find(blocks.lon[i], blocks.lat[i])?.value;
      const label = row === undefined ? 'city-wide' : ages.labels[row];
      agesByArea[label] = (agesByArea[label] ?? 0) + 1;
      if (row !== undefined) blocks.ageShares.set(ages.shares.subarray(row * N_AGE_BANDS, (row + 1) * N_AGE_BANDS), i * N_AGE_BANDS);
    }
    const missing = ages.labels.filter((_, r) => !found.has(r));
    if (missing.length) warnings.push(`${opts.ageProfileByArea}: ${missing.length} area${missing.length > 1 ? 's' : ''} not found ${ages.kind === 'names' ? "among the extract's boundary=administrative areas (by name)" : '(no polygon)'}: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}`);
  } else agesByArea['city-wide'] = blocks.count;
  const fac = facilitiesFromTags(x, tagTable, services);
  const cand = candidatesFromTags(x, services, { defaultAreaM2: opts.candidateAreaM2 ?? DEFAULT_CANDIDATE_AREA_M2, includeConstruction: opts.includeConstruction });
  let candidates = cand.candidates;
  let fromCsv = 0;
  if (opts.candidatesCsv) {
    const problems = new Problems();
    const table = /\.(geo)?json$/i.test(opts.candidatesCsv) ? readGeojsonTable(opts.candidatesCsv) : tableFromCsv(await readCsv(opts.candidatesCsv));
    const extra = parseCandidates(table, problems, services, serviceIndex);
    problems.throwIfAny();
    const have = new Set(candidates.ids);
    extra.ids.forEach((id, i) => {
      if (have.has(id)) throw new InputError(opts.candidatesCsv!, `candidate id '${id}' is also the id of a space found in the OSM file`, i + 2, 'id');
    });
    candidates = concatCandidates(candidates, extra);
    fromCsv = extra.count;
  }
  const skippedConstruction = cand.report.skipped['construction site'] ?? 0;
  const constructionNote = skippedConstruction > 0 ? ` (${skippedConstruction} construction site${skippedConstruction > 1 ? 's' : ''} left out: they are being built on; --include-construction takes them)` : '';
  if (candidates.count === 0) warnings.push(`no candidate idle spaces were found (no shop=vacant, disused:*, empty kiosk, small surface parking or brownfield tags)${constructionNote}: the scenario simulates today, but the optimizer has nothing to convert; add spaces with --candidates <csv|geojson>`);
  else if (candidates.count < services.length) warnings.push(`only ${candidates.count} candidate idle space${candidates.count > 1 ? 's' : ''} for ${services.length} services${constructionNote}: most services cannot gain a site; add spaces with --candidates <csv|geojson>`);
  const unmapped = tagTable.unmapped.map((k) => services[k].id);

  const base = path.basename(file).replace(/\.osm(\.pbf)?$|\.pbf$|\.xml$/i, '');
  const scenario: Scenario = {
    name: opts.name ?? base,
    description: `Imported by quarterhour import-osm from ${path.basename(file)}${opts.populationCsv ? ` with population grid ${path.basename(opts.populationCsv)}` : ` (population: ${population.method}${population.method === 'footprint estimate' ? `, footprint x storeys / ${m2PerResident} m² per resident` : ''})`}. Map data © OpenStreetMap contributors, ODbL.`,
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
      population,
      agesByArea,
      grid,
      blocks: blocks.count,
      residents,
      facilities: fac.facilities.count,
      facilitiesByService: fac.report.byService,
      unmappedServices: unmapped,
      candidates: candidates.count,
      candidatesByKind: cand.report.byKind,
      candidatesSkipped: cand.report.skipped,
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
  opts.log?.(`import-osm: ${result.scenario.blocks.count} blocks, ${result.scenario.facilities.count} facilities, ${result.scenario.candidates.count} idle spaces (${result.report.seconds.features.toFixed(1)} s); writing ${outDir}…`);
  await writeScenario(outDir, result.scenario, (tmp) => writeNetworkFile(path.join(tmp, 'network.bin'), result.network));
  return result;
}
