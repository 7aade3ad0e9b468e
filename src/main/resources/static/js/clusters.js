// Need clusters on /segments/clusters: customers per cluster and each cluster's profile in book standard deviations,
// from /api/segments/clusters (no inline scripts under the CSP).
document.addEventListener('DOMContentLoaded', function () {
  var sizes = document.getElementById('clusters-sizes');
  var profile = document.getElementById('clusters-profile');
  if (!sizes || typeof Chart === 'undefined') { return; }
  var colours = ['#2f6fb0', '#d9822b', '#3c9d5d', '#b33a3a', '#7a5cb0', '#8c6d3f', '#d16ba5', '#6b7b8c', '#9aa83a', '#2ba3b5',
                 '#e0b400', '#4a4a4a'];
  fetch(sizes.dataset.source, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
    .then(function (response) { return response.json(); })
    .then(function (current) {
      var labels = current.clusters.map(function (c) { return c.clusterNo + ' ' + c.name; });
      new Chart(sizes, {
        type: 'bar',
        data: { labels: labels, datasets: [{ label: sizes.dataset.label,
          data: current.clusters.map(function (c) { return c.customers; }),
          backgroundColor: current.clusters.map(function (c, i) { return colours[i % colours.length]; }) }] },
        options: { animation: false, indexAxis: 'y', maintainAspectRatio: false, plugins: { legend: { display: false } } }
      });
      if (!profile) { return; }
      new Chart(profile, {
        type: 'bar',
        data: {
          labels: current.features.map(function (f) { return f.label; }),
          datasets: current.clusters.map(function (c, i) {
            return { label: c.clusterNo + ' ' + c.name, backgroundColor: colours[i % colours.length],
                     data: current.features.map(function (f) { return c.zProfile[f.feature]; }) };
          })
        },
        options: { animation: false, maintainAspectRatio: false,
                   scales: { y: { title: { display: true, text: profile.dataset.label } }, x: { ticks: { autoSkip: false } } } }
      });
    });
});
