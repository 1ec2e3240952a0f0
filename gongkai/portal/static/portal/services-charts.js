/* Charts of the 办事服务 area; every chart has a data table beside it, so nothing depends on this script. */
(function () {
  "use strict";
  if (!window.echarts) { return; }
  function data(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }
  function draw(id, option) {
    var element = document.getElementById(id);
    if (!element) { return; }
    var chart = window.echarts.init(element);
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  }
  var hot = data("hot-chart-data");
  if (hot) {
    draw("hot-chart", {
      tooltip: {trigger: "axis", axisPointer: {type: "shadow"}},
      legend: {data: hot.labels},
      grid: {left: 150, right: 20, top: 30, bottom: 20},
      xAxis: {type: "value", minInterval: 1},
      yAxis: {type: "category", data: hot.names, inverse: true},
      color: ["#b22222", "#9aa5b1"],
      series: [
        {name: hot.labels[0], type: "bar", stack: "use", data: hot.views},
        {name: hot.labels[1], type: "bar", stack: "use", data: hot.searches}
      ]
    });
  }
  var time = data("time-chart-data");
  if (time) {
    draw("time-chart", {
      tooltip: {trigger: "axis", axisPointer: {type: "shadow"}},
      legend: {data: time.labels},
      grid: {left: 150, right: 20, top: 30, bottom: 20},
      xAxis: {type: "value"},
      yAxis: {type: "category", data: time.names, inverse: true},
      color: ["#9aa5b1", "#b22222"],
      series: [
        {name: time.labels[0], type: "bar", data: time.statutory},
        {name: time.labels[1], type: "bar", data: time.promised}
      ]
    });
  }
})();
