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
