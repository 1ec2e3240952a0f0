/* Charts of the public statistics page. Every chart has its data table beside it, so nothing depends on this. */
(function () {
  "use strict";
  var source = document.getElementById("statistics-charts");
  if (!window.echarts || !source) { return; }
  var charts = JSON.parse(source.textContent);
  var colors = ["#b22222", "#4a6fa5", "#d4a017", "#2e7d32", "#6a4c93", "#9aa5b1", "#c2185b"];
  function option(data) {
    if (data.kind === "pie") {
      return {
        color: colors,
        tooltip: {trigger: "item"},
        legend: {type: "scroll", bottom: 0},
        series: [{type: "pie", radius: ["30%", "60%"], data: data.labels.map(function (name, i) {
          return {name: name, value: data.series[0].values[i]};
        })}]
      };
    }
    var horizontal = data.kind === "bar" && data.labels.length > 6;
    var categories = {type: "category", data: data.labels, inverse: horizontal, axisLabel: {width: 110, overflow: "truncate"}};
    var values = {type: "value", minInterval: 1};
    return {
      color: colors,
      tooltip: {trigger: "axis", axisPointer: {type: "shadow"}},
      legend: data.series.length > 1 ? {top: 0} : undefined,
      grid: {left: 10, right: 20, top: data.series.length > 1 ? 30 : 10, bottom: 10, containLabel: true},
      xAxis: horizontal ? values : categories,
      yAxis: horizontal ? categories : values,
      series: data.series.map(function (series) {
        return {name: series.name, type: data.kind === "line" ? "line" : "bar", data: series.values};
      })
    };
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), function (element) {
    var data = charts[element.getAttribute("data-chart")];
    if (!data || !data.labels.length) { element.hidden = true; return; }
    if (data.kind === "bar" && data.labels.length > 6) { element.style.height = Math.max(288, data.labels.length * 24 + 40) + "px"; }
    var chart = window.echarts.init(element);
    chart.setOption(option(data));
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
