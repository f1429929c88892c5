/*
 * One symbol per service on the report's map: a shape and a colour by the service's place in the
 * catalogue (13 shapes, 13 colours; a 14th service repeats the first shape in another colour). Drawn as
 * inline SVG built with the DOM, no markup strings.
 */
var QHSymbols = (function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  // paths in a 16 x 16 box, centred on (8, 8)
  var SHAPES = [
    'M8 2a6 6 0 1 0 0.001 0z', // circle
    'M2.5 2.5h11v11h-11z', // square
    'M8 1.5l6.5 12h-13z', // triangle up
    'M8 1l7 7-7 7-7-7z', // diamond
    'M1.5 2.5h13l-6.5 12z', // triangle down
    'M8 1.5l6.2 4.5-2.4 7.5h-7.6l-2.4-7.5z', // pentagon
    'M4.5 2h7l3.5 6-3.5 6h-7l-3.5-6z', // hexagon
    'M8 1l1.9 4.6 4.9 0.4-3.7 3.2 1.2 4.8-4.3-2.6-4.3 2.6 1.2-4.8-3.7-3.2 4.9-0.4z', // star
    'M6 1.5h4v4.5h4.5v4h-4.5v4.5h-4v-4.5h-4.5v-4h4.5z', // plus
    'M3.5 1.5l4.5 4.5 4.5-4.5 2 2-4.5 4.5 4.5 4.5-2 2-4.5-4.5-4.5 4.5-2-2 4.5-4.5-4.5-4.5z', // cross
    'M14.5 8l-12 6.5v-13z', // triangle right
    'M1.5 8l12-6.5v13z', // triangle left
    'M2 2h12l-12 12h12z', // hourglass
  ];
  var COLOURS = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#c2410c', '#0e7490', '#a16207', '#be185d', '#4d7c0f', '#1e40af', '#9d174d', '#065f46', '#6d28d9'];

  function shapeOf(s) { return SHAPES[s % SHAPES.length]; }
  function colourOf(s) { return COLOURS[(s + Math.floor(s / SHAPES.length) * 5) % COLOURS.length]; }

  /** An <svg> with the symbols of `services` (indices) side by side, `size` px high. */
  function svg(services, size) {
    var n = Math.max(1, services.length);
    var e = document.createElementNS(NS, 'svg');
    e.setAttribute('width', String(size * n));
    e.setAttribute('height', String(size));
    e.setAttribute('viewBox', '0 0 ' + 16 * n + ' 16');
    e.setAttribute('class', 'qh-symbol');
    services.forEach(function (s, k) {
      var p = document.createElementNS(NS, 'path');
      p.setAttribute('d', shapeOf(s));
      p.setAttribute('transform', 'translate(' + 16 * k + ' 0)');
      p.setAttribute('fill', colourOf(s));
      p.setAttribute('stroke', '#fff');
      p.setAttribute('stroke-width', '1');
      p.setAttribute('data-service', String(s));
      e.appendChild(p);
    });
    return e;
  }

  return { svg: svg, shapeOf: shapeOf, colourOf: colourOf, count: SHAPES.length };
})();
