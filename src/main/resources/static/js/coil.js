// Bar chart of customers per product on /coil, from /api/coil/summary (no inline scripts under the CSP).
document.addEventListener('DOMContentLoaded', function () {
  var canvas = document.getElementById('coil-products');
  if (!canvas || typeof Chart === 'undefined') { return; }
  fetch(canvas.dataset.source, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
    .then(function (response) { return response.json(); })
    .then(function (summary) {
      var english = canvas.dataset.lang === 'en';
      new Chart(canvas, {
        type: 'bar',
        data: {
          labels: summary.products.map(function (p) { return p.code + ' ' + (english ? p.english : p.chinese); }),
          datasets: [{ label: canvas.dataset.label, data: summary.products.map(function (p) { return p.customers; }),
                       backgroundColor: '#2f6fb0' }]
        },
        options: { animation: false, indexAxis: 'y', maintainAspectRatio: false,
                   scales: { y: { ticks: { autoSkip: false } } }, plugins: { legend: { display: false } } }
      });
    });
});

// Bar chart of 客均合同 (policies per holder) per need cluster and per value band on /coil, from /api/coil/segments;
// withheld segments (analysts, small cells) have no bar.
document.addEventListener('DOMContentLoaded', function () {
  var canvas = document.getElementById('coil-segments-chart');
  if (!canvas || typeof Chart === 'undefined') { return; }
  fetch(canvas.dataset.source, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
    .then(function (response) { return response.json(); })
    .then(function (segments) {
      var english = canvas.dataset.lang === 'en';
      var rows = segments.clusters.concat(segments.valueBands);
      new Chart(canvas, {
        type: 'bar',
        data: {
          labels: rows.map(function (r) { return english ? r.nameEn : r.nameZh; }),
          datasets: [
            { label: canvas.dataset.label, data: rows.map(function (r) { return r.contractsPerHolder; }),
              backgroundColor: rows.map(function (r, i) { return i < segments.clusters.length ? '#2f6fb0' : '#d98b2b'; }),
              yAxisID: 'y' }
          ]
        },
        options: { animation: false, maintainAspectRatio: false,
                   scales: { x: { ticks: { autoSkip: false } }, y: { beginAtZero: true } },
                   plugins: { legend: { display: false } } }
      });
    });
});
