// Draws the survey result charts from the same numbers as the tables beside them (the tables are the reference).
(function () {
  "use strict";
  if (!window.echarts) { return; }
  var data = JSON.parse(document.getElementById("survey-chart").textContent);
  var channelBox = document.getElementById("channel-chart");
  if (channelBox) {
    echarts.init(channelBox).setOption({
      tooltip: {}, legend: {},
      xAxis: { type: "category", data: data.channels.map(function (row) { return row.name; }) },
      yAxis: { type: "value" },
      series: [
        { name: channelBox.closest("section").querySelector("th:nth-child(2)").textContent, type: "bar", data: data.channels.map(function (row) { return row.issued; }) },
        { name: channelBox.closest("section").querySelector("th:nth-child(4)").textContent, type: "bar", data: data.channels.map(function (row) { return row.valid; }) }
      ]
    });
  }
  data.questions.forEach(function (question) {
    var box = document.getElementById("question-chart-" + question.id);
    if (!box) { return; }
    echarts.init(box).setOption({ tooltip: {}, series: [{ type: "pie", radius: "60%", data: question.rows }] });
  });
}());
