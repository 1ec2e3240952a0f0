// Draws the survey result charts from the same numbers as the tables beside them (the tables are the reference):
// issued and valid per channel, and each question's answers as bars grouped by channel.
(function () {
  "use strict";
  if (!window.echarts) { return; }
  var data = JSON.parse(document.getElementById("survey-chart").textContent);
  var grid = { left: 40, right: 10, top: 40, bottom: 60, containLabel: true };
  var channelBox = document.getElementById("channel-chart");
  if (channelBox) {
    var heads = channelBox.closest("section").querySelectorAll("thead th");
    echarts.init(channelBox).setOption({
      tooltip: {}, legend: { type: "scroll" }, grid: grid,
      xAxis: { type: "category", data: data.channels.map(function (row) { return row.name; }), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: "value" },
      series: [
        { name: heads[1].textContent, type: "bar", data: data.channels.map(function (row) { return row.issued; }) },
        { name: heads[3].textContent, type: "bar", data: data.channels.map(function (row) { return row.valid; }) }
      ]
    });
  }
  data.questions.forEach(function (question) {
    var box = document.getElementById("question-chart-" + question.id);
    if (!box) { return; }
    echarts.init(box).setOption({
      tooltip: { trigger: "axis" }, legend: { type: "scroll" }, grid: grid,
      xAxis: { type: "category", data: question.categories, axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: "value", minInterval: 1 },
      series: question.series.map(function (channel) { return { name: channel.name, type: "bar", data: channel.data }; })
    });
  });
  window.addEventListener("resize", function () {
    document.querySelectorAll(".chart").forEach(function (box) { var chart = echarts.getInstanceByDom(box); if (chart) { chart.resize(); } });
  });
}());
