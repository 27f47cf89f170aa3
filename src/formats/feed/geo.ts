// GeoRSS (http://www.georss.org/georss): the simple encoding (georss:point, line, polygon,
// box: "lat lon" pairs) and GML inside georss:where (gml:Point, LineString, Polygon, Envelope).
// The place comes out as GeoJSON has it, longitude first, the way feedparser gives it.
import type { FeedPlace } from './model.js';
import type { XmlElement } from './xml.js';
import { textOf } from './xml.js';

export const GEORSS_NS = 'http://www.georss.org/georss';
export const GML_NS = 'http://www.opengis.net/gml';

/** EPSG codes of geographic (latitude, longitude) systems: 4000-4999 (WGS 84 is 4326, 3D 4979). */
const GEOGRAPHIC_EPSG = { min: 4000, max: 4999 } as const;


/** Numbers in the text, grouped by `dimension`; null when there are none or a group is short. */
function tuples(text: string, dimension: number, swap: boolean): number[][] | null {
  const numbers = text.trim().split(/[\s,]+/).filter(Boolean).map(Number);
  if (numbers.length === 0 || numbers.some((n) => !Number.isFinite(n)) || numbers.length % dimension !== 0) return null;
  const out: number[][] = [];
  for (let i = 0; i < numbers.length; i += dimension) {
    const t = numbers.slice(i, i + dimension);
    if (swap) [t[0], t[1]] = [t[1]!, t[0]!];
    out.push(t);
  }
  return out;
}

/** A shape from its points; a polygon needs four (a closed triangle), a line two, a box two corners. */
function shape(type: FeedPlace['type'], points: number[][] | null, srsName: string | null, srsDimension: number): FeedPlace | null {
  if (!points) return null;
  const least = { Point: 1, LineString: 2, Box: 2, Polygon: 4 }[type];
  if (points.length < least || (type === 'Point' && points.length !== 1) || (type === 'Box' && points.length !== 2)) return null;
  const coordinates = type === 'Point' ? points[0]! : type === 'Polygon' ? [points] : points;
  return { type, coordinates, srsName, srsDimension };
}

const SIMPLE: Readonly<Record<string, FeedPlace['type']>> = { point: 'Point', line: 'LineString', polygon: 'Polygon', box: 'Box' };
const GML: Readonly<Record<string, FeedPlace['type']>> = { point: 'Point', linestring: 'LineString', polygon: 'Polygon', envelope: 'Box' };

function gmlPlace(el: XmlElement): FeedPlace | null {
  const type = GML[el.name];
  if (!type) return null;
  const srsName = el.attrs.srsName?.trim() || null;
  const dimension = Number(el.attrs.srsDimension ?? 2) || 2;
  // GML writes latitude first in geographic systems; a projected one (UTM) is x, y already.
  const epsg = srsName ? /EPSG:(?:[\d.]*:)?(\d+)$/i.exec(srsName) : null;
  const swap = !epsg || (+epsg[1]! >= GEOGRAPHIC_EPSG.min && +epsg[1]! <= GEOGRAPHIC_EPSG.max);
  const texts: string[] = [];
  const collect = (e: XmlElement): void => {
    for (const c of e.elements) {
      if (c.ns === GML_NS && ['pos', 'poslist', 'lowercorner', 'uppercorner', 'coordinates'].includes(c.name)) texts.push(textOf(c));
      else collect(c);
    }
  };
  collect(el);
  return shape(type, tuples(texts.join(' '), dimension, swap), srsName, dimension);
}

/** The element's GeoRSS place, or null when it has none (or none that reads). */
export function placeOf(parent: XmlElement): FeedPlace | null {
  for (const el of parent.elements) {
    const local = el.name;
    if (el.ns === GEORSS_NS && SIMPLE[local]) return shape(SIMPLE[local], tuples(textOf(el), 2, true), null, 2);
    if (el.ns === GEORSS_NS && local === 'where') {
      for (const g of el.elements) if (g.ns === GML_NS) return gmlPlace(g);
    }
    if (el.ns === GML_NS && GML[local]) return gmlPlace(el);
  }
  return null;
}
