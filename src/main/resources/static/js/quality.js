// Trend chart of the data-quality snapshots on /quality, from /api/quality/trend (no inline scripts under the CSP):
// completeness per field in percent (left axis) and the counts of problem records — invalid values, orphans, open
// duplicate candidates — (right axis, dashed), one point per snapshot, oldest first. Series names are the row labels
// of the table below the chart, so they follow the page's language.
document.addEventListener('DOMContentLoaded', function () {
  var canvas = document.getElementById('quality-chart');
  if (!canvas || typeof Chart === 'undefined') { return; }
  var labels = {};
  document.querySelectorAll('#quality-trend tr[data-figure]').forEach(function (row) {
    labels[row.dataset.figure] = row.cells[0].textContent.trim();
  });
  function figure(snapshot, path) {
    return path.split('.').reduce(function (value, key) {
      return value === null || value === undefined ? null : value[key];
    }, snapshot.figures);
  }
  function time(snapshot) {
    var at = typeof snapshot.takenAt === 'number' ? new Date(snapshot.takenAt * 1000) : new Date(snapshot.takenAt);
    var text = String(at.getMonth() + 1).padStart(2, '0') + '-' + String(at.getDate()).padStart(2, '0') + ' '
      + String(at.getHours()).padStart(2, '0') + ':' + String(at.getMinutes()).padStart(2, '0');
    return snapshot.jobId ? text + ' #' + snapshot.jobId : text;
  }
  var colours = ['#2f6fb0', '#e07b39', '#3a9a5b', '#b04a8a', '#8c6d31', '#5a5fc8', '#c0392b', '#16a085', '#7f8c8d'];
  fetch(canvas.dataset.source, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
    .then(function (response) { return response.json(); })
    .then(function (trend) {
      var datasets = [];
      Object.keys(labels).forEach(function (path) {
        var percent = path.indexOf('completeness.') === 0;
        var problem = path.indexOf('invalid.') === 0 || path === 'orphans.allRuns' || path === 'duplicates.open';
        if (!percent && !problem) { return; }
        var colour = colours[datasets.length % colours.length];
        datasets.push({
          label: labels[path],
          data: trend.map(function (s) {
            var v = figure(s, path);
            return v === null ? null : (percent ? Math.round(v * 1000) / 10 : v);
          }),
          yAxisID: percent ? 'y' : 'y1', borderColor: colour, backgroundColor: colour,
          borderDash: percent ? [] : [6, 4], tension: 0, spanGaps: true
        });
      });
      new Chart(canvas, {
        type: 'line',
        data: { labels: trend.map(time), datasets: datasets },
        options: {
          animation: false, maintainAspectRatio: false,
          scales: {
            y: { position: 'left', min: 0, max: 100, title: { display: true, text: canvas.dataset.percent } },
            y1: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false },
                  title: { display: true, text: canvas.dataset.count } }
          },
          plugins: { legend: { position: 'bottom' } }
        }
      });
    });
});
