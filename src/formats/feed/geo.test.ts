import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeedDocument } from './index.js';

const atom = (entry: string): string => `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:georss="http://www.georss.org/georss" xmlns:gml="http://www.opengis.net/gml"><entry><title>Quake</title>${entry}</entry></feed>`;

test('GeoRSS simple: a point comes out longitude first, as GeoJSON', () => {
  const [item] = parseFeedDocument(atom('<georss:point> 45.256 -71.92 </georss:point>')).items;
  assert.deepEqual(item?.where, { type: 'Point', coordinates: [-71.92, 45.256], srsName: null, srsDimension: 2 });
});

test('GeoRSS simple: a box is two corners, a polygon one closed ring; too few points is no place', () => {
  assert.deepEqual(parseFeedDocument(atom('<georss:box>42.9 -71.1 43.2 -70.8</georss:box>')).items[0]?.where?.coordinates, [[-71.1, 42.9], [-70.8, 43.2]]);
  const ring = parseFeedDocument(atom('<georss:polygon>1 2 3 4 5 6 1 2</georss:polygon>')).items[0]?.where;
  assert.deepEqual(ring?.coordinates, [[[2, 1], [4, 3], [6, 5], [2, 1]]]);
  assert.equal(parseFeedDocument(atom('<georss:polygon>1 2 3 4 5 6</georss:polygon>')).items[0]?.where, null);
  assert.equal(parseFeedDocument(atom('<georss:point> </georss:point>')).items[0]?.where, null);
});

test('GML in georss:where: geographic systems are swapped to longitude first, projected ones kept', () => {
  const wgs = parseFeedDocument(atom('<georss:where><gml:LineString><gml:posList>10 20 11 21</gml:posList></gml:LineString></georss:where>')).items[0]?.where;
  assert.deepEqual(wgs?.coordinates, [[20, 10], [21, 11]]);
  const utm = parseFeedDocument(atom('<georss:where><gml:Point srsName="EPSG:26913"><gml:pos>500000 4649776</gml:pos></gml:Point></georss:where>')).items[0]?.where;
  assert.deepEqual(utm, { type: 'Point', coordinates: [500000, 4649776], srsName: 'EPSG:26913', srsDimension: 2 });
  const threeD = parseFeedDocument(atom('<georss:where><gml:Point srsName="urn:ogc:def:crs:EPSG:6.6:4979" srsDimension="3"><gml:pos>42.3 -156.2 45</gml:pos></gml:Point></georss:where>')).items[0]?.where;
  assert.deepEqual(threeD?.coordinates, [-156.2, 42.3, 45]);
});
