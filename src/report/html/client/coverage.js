/*
 * quarterhour's coverage rule in the browser, for the report's what-if panel: a faithful port of
 * src/coverage/rule.ts (isWithin, thresholdMetres, walkMinutes), src/coverage/nearest.ts (the nearest
 * open site per block and service), src/coverage/residential.ts (coverageTable, summarizeCoverage) and
 * compare's "all services" share (src/compare/text.ts). Same inputs (whatif.ts embeds the scenario's
 * speeds, thresholds, populations and age shares, today's nearest distances and the block x idle-space
 * distances of the run's travel matrix), same arithmetic in the same order, so the same answer to the
 * last bit. test/report/html/coverageClient.test.ts checks it against the engine.
 * Plain ES5 with no DOM: it runs in the page and in Node (the test).
 */
var QHCoverage = (function () {
  'use strict';
  var NB = 6;

  /** A base64 string of little-endian bytes (typed.ts) as a typed array of `Type`. */
  function decode(b64, Type) {
    var bytes = QHLoad.base64Bytes(b64); // client/load.js, which comes first in the page's script
    return new Type(bytes.buffer, bytes.byteOffset, bytes.byteLength / Type.BYTES_PER_ELEMENT);
  }

  // ---- rule.ts ----
  function thresholdMetres(thresholdMin, speedMps) { return thresholdMin * 60 * speedMps; }
  function isWithin(metres, speedMps, thresholdMin) { return metres <= thresholdMetres(thresholdMin, speedMps); }
  function walkMinutes(metres, speedMps) { return metres / speedMps / 60; }

  /** The decoded model of the embedded what-if data. */
  function model(w) {
    // a big report's compact form is decoded by compact.js (QHCompact.expand) into the *Values arrays
    var nearest = w.nearestValues || decode(w.nearest, Float64Array);
    for (var k = 0; k < nearest.length; k++) if (nearest[k] < 0) nearest[k] = Infinity;
    return {
      S: w.thresholds.length,
      nBlocks: w.population.length,
      speeds: w.speeds,
      thresholds: w.thresholds,
      basic: w.basic,
      population: w.population,
      ageShares: w.ageSharesValues || decode(w.ageShares, Float64Array),
      nearest: nearest,
      offsets: decode(w.reach.offsets, Int32Array),
      blocks: w.blocksValues || decode(w.reach.blocks, Int32Array),
      metres: w.metresValues || decode(w.reach.metres, Float64Array),
    };
  }

  /** Metres to the nearest open site per block x service with `plan` ([{space, services}]) carried out (nearest.ts). */
  function nearestWith(m, plan) {
    var out = new Float64Array(m.nearest);
    plan.forEach(function (c) {
      for (var p = m.offsets[c.space]; p < m.offsets[c.space + 1]; p++) {
        var i = m.blocks[p];
        var d = m.metres[p];
        c.services.forEach(function (s) {
          if (d < out[i * m.S + s]) out[i * m.S + s] = d;
        });
      }
    });
    return out;
  }

  /** coverageTable (residential.ts): minutes, residents and covered per block x service x band. */
  function coverageTable(m, nearest) {
    var n = m.nBlocks * m.S * NB;
    var minutes = new Float64Array(n);
    var residents = new Float64Array(n);
    var covered = new Uint8Array(n);
    for (var i = 0; i < m.nBlocks; i++) {
      for (var s = 0; s < m.S; s++) {
        var d = nearest[i * m.S + s];
        for (var b = 0; b < NB; b++) {
          var k = (i * m.S + s) * NB + b;
          var speed = m.speeds[b];
          minutes[k] = walkMinutes(d, speed);
          residents[k] = m.population[i] * m.ageShares[i * NB + b];
          covered[k] = isWithin(d, speed, m.thresholds[s]) ? 1 : 0;
        }
      }
    }
    return { minutes: minutes, residents: residents, covered: covered };
  }

  /**
   * summarizeCoverage (residential.ts), unrounded: byService[s][b] and byService[s].all (b = 'all' at
   * index NB), byAgeBand[b], allBasic, allBasicByAgeBand[b]; and compare's all-services share: residents
   * covered summed over services / (residents x services).
   */
  function summarize(m, t) {
    var S = m.S;
    var cov = new Float64Array(S * NB);
    var pop = new Float64Array(S * NB);
    var allCov = new Float64Array(NB);
    var allPop = new Float64Array(NB);
    for (var i = 0; i < m.nBlocks; i++) {
      for (var b = 0; b < NB; b++) {
        var everyBasic = true;
        for (var s = 0; s < S; s++) {
          var k = (i * S + s) * NB + b;
          pop[s * NB + b] += t.residents[k];
          if (t.covered[k]) cov[s * NB + b] += t.residents[k];
          else if (m.basic[s]) everyBasic = false;
        }
        var r = m.population[i] * m.ageShares[i * NB + b];
        allPop[b] += r;
        if (everyBasic) allCov[b] += r;
      }
    }
    var byService = [];
    var bandCov = new Float64Array(NB);
    var bandPop = new Float64Array(NB);
    var served = 0;
    for (var s2 = 0; s2 < S; s2++) {
      var row = [];
      var c = 0, p = 0;
      for (var b2 = 0; b2 < NB; b2++) {
        var k2 = s2 * NB + b2;
        row.push(pop[k2] > 0 ? cov[k2] / pop[k2] : 0);
        c += cov[k2];
        p += pop[k2];
        bandCov[b2] += cov[k2];
        bandPop[b2] += pop[k2];
      }
      row.push(p > 0 ? c / p : 0);
      byService.push(row);
      served += c;
    }
    var byAgeBand = [], allBasicByAgeBand = [];
    for (var b3 = 0; b3 < NB; b3++) {
      byAgeBand.push(bandPop[b3] > 0 ? bandCov[b3] / bandPop[b3] : 0);
      allBasicByAgeBand.push(allPop[b3] > 0 ? allCov[b3] / allPop[b3] : 0);
    }
    var tp = 0, tc = 0, residents = 0;
    for (var b4 = 0; b4 < NB; b4++) { tp += allPop[b4]; tc += allCov[b4]; }
    for (var i2 = 0; i2 < m.nBlocks; i2++) residents += m.population[i2];
    var pairs = 0;
    for (var b5 = 0; b5 < NB; b5++) pairs += bandPop[b5];
    return {
      byService: byService,
      byAgeBand: byAgeBand,
      allBasic: tp > 0 ? tc / tp : 0,
      allBasicByAgeBand: allBasicByAgeBand,
      allServices: residents * S > 0 ? served / (residents * S) : 0,
      allServicesByCells: pairs > 0 ? served / pairs : 0,
    };
  }

  /** Everything for one plan: nearest metres, the table and its summary. */
  function evaluate(m, plan) {
    var nearest = nearestWith(m, plan);
    var table = coverageTable(m, nearest);
    return { nearest: nearest, table: table, summary: summarize(m, table) };
  }

  return { decode: decode, thresholdMetres: thresholdMetres, isWithin: isWithin, walkMinutes: walkMinutes, model: model, nearestWith: nearestWith, coverageTable: coverageTable, summarize: summarize, evaluate: evaluate };
})();
