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
