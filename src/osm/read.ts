/**
 * Reading an OpenStreetMap extract (.osm.pbf through osm-pbf-parser-node, .osm XML through saxes) into
 * one compact in-memory form: every node's coordinates in typed arrays, plus the tagged nodes and the
 * ways (with their tags and node references) that the importer looks at, plus the area relations
 * (type=multipolygon or boundary, with tags) and the node references of untagged ways, which outline
 * those relations. Other relations are counted only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createOSMStream } from 'osm-pbf-parser-node';
import { SaxesParser } from 'saxes';
import { InputError } from '../core/errors.ts';

export type Tags = Record<string, string>;

export interface OsmTaggedNode {
  id: number;
  /** Index into the extract's node arrays. */
  index: number;
  tags: Tags;
}

export interface OsmWay {
  id: number;
  refs: number[];
  tags: Tags;
}

export interface OsmMember {
  type: 'node' | 'way' | 'relation';
  ref: number;
  role: string;
}

/** A tagged relation of type multipolygon or boundary (the areas the importer reads). */
export interface OsmRelation {
  id: number;
  members: OsmMember[];
  tags: Tags;
}

/** Area relations are the only relations kept. */
export const isAreaRelation = (tags: Tags | undefined): boolean => tags?.type === 'multipolygon' || tags?.type === 'boundary';

export interface OsmExtract {
  file: string;
  format: 'pbf' | 'xml';
  /** OSM node id -> index into lon/lat. */
  nodeIndex: Map<number, number>;
  lon: Float64Array;
  lat: Float64Array;
  taggedNodes: OsmTaggedNode[];
  /** Ways that carry at least one tag (untagged ways are only counted). */
  ways: OsmWay[];
  /** Node references of untagged ways (members of relations), by way id. */
  untaggedWayRefs: Map<number, number[]>;
  /** Relations of type multipolygon or boundary, in file order. */
  relations: OsmRelation[];
  counts: { nodes: number; ways: number; untaggedWays: number; relations: number };
}

class Collector {
  readonly nodeIndex = new Map<number, number>();
  lon: number[] = [];
  lat: number[] = [];
  readonly taggedNodes: OsmTaggedNode[] = [];
  readonly ways: OsmWay[] = [];
  readonly untaggedWayRefs = new Map<number, number[]>();
  readonly areaRelations: OsmRelation[] = [];
  untaggedWays = 0;
  waysSeen = 0;
  relations = 0;

  node(id: number, lon: number, lat: number, tags: Tags | undefined): void {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
    const index = this.lon.length;
    this.nodeIndex.set(id, index);
    this.lon.push(lon);
    this.lat.push(lat);
    if (tags && Object.keys(tags).length > 0) this.taggedNodes.push({ id, index, tags });
  }

  way(id: number, refs: number[], tags: Tags | undefined): void {
    this.waysSeen++;
    if (tags && Object.keys(tags).length > 0) this.ways.push({ id, refs, tags });
    else {
      this.untaggedWays++;
      this.untaggedWayRefs.set(id, refs);
    }
  }

  relation(id: number, members: OsmMember[], tags: Tags | undefined): void {
    this.relations++;
    if (isAreaRelation(tags)) this.areaRelations.push({ id, members, tags: tags! });
  }

  finish(file: string, format: 'pbf' | 'xml'): OsmExtract {
    const out: OsmExtract = {
      file,
      format,
      nodeIndex: this.nodeIndex,
      lon: Float64Array.from(this.lon),
      lat: Float64Array.from(this.lat),
      taggedNodes: this.taggedNodes,
      ways: this.ways,
      untaggedWayRefs: this.untaggedWayRefs,
      relations: this.areaRelations,
      counts: { nodes: this.lon.length, ways: this.waysSeen, untaggedWays: this.untaggedWays, relations: this.relations },
    };
    this.lon = [];
    this.lat = [];
    return out;
  }
}

/** Which reader a file needs: by extension, else by its first byte ('<' = XML). */
export function osmFormatOf(file: string): 'pbf' | 'xml' {
  const lower = file.toLowerCase();
  if (lower.endsWith('.pbf')) return 'pbf';
  if (lower.endsWith('.osm') || lower.endsWith('.xml')) return 'xml';
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(64);
    const n = fs.readSync(fd, b, 0, 64, 0);
    return b.subarray(0, n).toString('utf8').trimStart().startsWith('<') ? 'xml' : 'pbf';
  } finally {
    fs.closeSync(fd);
  }
}

/** Read a .osm.pbf or .osm file. A missing, empty or malformed file is an InputError naming it. */
export async function readOsm(file: string): Promise<OsmExtract> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new InputError(file, 'OSM file not found (expected an .osm.pbf or .osm file)');
  }
  if (!stat.isFile()) throw new InputError(file, 'is not a file (expected an .osm.pbf or .osm file)');
  if (stat.size === 0) throw new InputError(file, 'is empty (expected an .osm.pbf or .osm file)');
  const format = osmFormatOf(file);
  const c = new Collector();
  if (format === 'pbf') await readPbf(file, c);
  else await readXml(file, c);
  const out = c.finish(file, format);
  if (out.counts.nodes === 0 && out.counts.ways === 0) throw new InputError(file, `holds no OSM nodes or ways (read as ${format === 'pbf' ? 'PBF' : 'XML'})`);
  return out;
}

interface PbfItem {
  type?: string;
  id: number;
  lat: number;
  lon: number;
  refs: number[];
  members?: OsmMember[];
  tags?: Tags;
}

async function readPbf(file: string, c: Collector): Promise<void> {
  let sawHeader = false;
  try {
    for await (const raw of createOSMStream(file, { withTags: true, withInfo: false })) {
      const item = raw as PbfItem;
      if (item.type === 'node') c.node(item.id, item.lon, item.lat, item.tags);
      else if (item.type === 'way') c.way(item.id, item.refs, item.tags);
      else if (item.type === 'relation') c.relation(item.id, item.members ?? [], item.tags);
      else sawHeader = true;
    }
  } catch (e) {
    throw new InputError(file, `is not a readable OSM PBF file (${(e as Error).message}); expected an .osm.pbf extract as written by osmium or Geofabrik`);
  }
  if (!sawHeader) throw new InputError(file, 'is not an OSM PBF file: no OSMHeader block found');
}

async function readXml(file: string, c: Collector): Promise<void> {
  const parser = new SaxesParser({ position: true });
  let current: { kind: 'node' | 'way' | 'relation'; id: number; lon: number; lat: number; refs: number[]; members: OsmMember[]; tags: Tags } | null = null;
  let sawOsm = false;
  const base = path.basename(file);
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'osm':
        sawOsm = true;
        break;
      case 'node':
        current = { kind: 'node', id: Number(a.id), lon: Number(a.lon), lat: Number(a.lat), refs: [], members: [], tags: {} };
        break;
      case 'way':
        current = { kind: 'way', id: Number(a.id), lon: NaN, lat: NaN, refs: [], members: [], tags: {} };
        break;
      case 'relation':
        current = { kind: 'relation', id: Number(a.id), lon: NaN, lat: NaN, refs: [], members: [], tags: {} };
        break;
      case 'member':
        if (current?.kind === 'relation' && (a.type === 'node' || a.type === 'way' || a.type === 'relation')) current.members.push({ type: a.type, ref: Number(a.ref), role: a.role ?? '' });
        break;
      case 'nd':
        if (current?.kind === 'way') current.refs.push(Number(a.ref));
        break;
      case 'tag':
        if (current && a.k !== undefined) current.tags[a.k] = a.v ?? '';
        break;
      default:
        break;
    }
  });
  parser.on('closetag', (tag) => {
    if (!current) return;
    if (tag.name === 'node' && current.kind === 'node') {
      if (!Number.isFinite(current.id) || !Number.isFinite(current.lon) || !Number.isFinite(current.lat)) {
        throw new InputError(file, `node ${String(current.id)} needs numeric id, lat and lon attributes`, `line ${parser.line}`);
      }
      c.node(current.id, current.lon, current.lat, current.tags);
      current = null;
    } else if (tag.name === 'way' && current.kind === 'way') {
      c.way(current.id, current.refs, current.tags);
      current = null;
    } else if (tag.name === 'relation' && current.kind === 'relation') {
      c.relation(current.id, current.members, current.tags);
      current = null;
    }
  });
  try {
    for await (const chunk of fs.createReadStream(file, { encoding: 'utf8' })) parser.write(chunk as string);
    parser.close();
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, `is not valid OSM XML (${(e as Error).message.replace(`${base}:`, '').trim()})`);
  }
  if (!sawOsm) throw new InputError(file, 'is not OSM XML: no <osm> root element');
}
