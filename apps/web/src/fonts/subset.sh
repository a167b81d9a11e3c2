#!/usr/bin/env bash
# Makes the storefront's font files from the @fontsource packages (see src/app/fonts.ts), with
# fontTools (`pip install fonttools brotli`; pyftsubset and fonttools on PATH). Run from
# apps/web after a `pnpm install`; the output is committed, so builds need no Python.
#
# - Inter: its latin variable file, the weight axis cut to 400–700 (the UI's normal, medium,
#   semibold and bold), without the fraction and proportional-figure alternates the UI never asks
#   for (kerning, contextual alternates and tabular figures stay): 48.7 → 28.1 kB.
# - Fraunces: the latin 600 file with the same characters and features (`rvrn` picks the 600
#   weight's own ampersand and others): 18.6 → 17.5 kB.
set -euo pipefail
cd "$(dirname "$0")"
inter=../../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2
fraunces=../../node_modules/@fontsource/fraunces/files/fraunces-latin-600-normal.woff2
# The @fontsource "latin" subset's characters.
latin='U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fonttools varLib.instancer "$inter" wght=400:700 -o "$tmp/inter.woff2"
pyftsubset "$tmp/inter.woff2" --unicodes="$latin" \
  --layout-features=kern,mark,mkmk,calt,ccmp,locl,tnum --flavor=woff2 \
  --output-file=inter-latin-wght-400-700.woff2
pyftsubset "$fraunces" --unicodes="$latin" \
  --layout-features=kern,mark,mkmk,liga,ccmp,locl,rvrn --flavor=woff2 \
  --output-file=fraunces-latin-600.woff2
ls -l ./*.woff2
