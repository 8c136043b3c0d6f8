/* Dashboard charts (Apache ECharts, vendored). Each chart reads its data from the json_script element named by
   its data-source; the same numbers are in the table behind the chart's "数据表" toggle. No inline scripts. */
(function () {
  "use strict";

  var RED = "#b71c1c";
  var GREY = "#9e9e9e";
  var GOLD = "#e0a800";

  function data(el) {
    var source = document.getElementById(el.dataset.source);
    return source ? JSON.parse(source.textContent) : null;
  }

  function base() {
    return {
      animation: false,
      grid: { left: 44, right: 44, top: 36, bottom: 28, containLabel: false },
      tooltip: { trigger: "axis" },
      legend: { top: 0, textStyle: { fontSize: 11 }, itemWidth: 14, itemHeight: 8 },
      textStyle: { fontFamily: "sans-serif" }
    };
  }

  var builders = {
    compliance: function (d) {
      var option = base();
      option.xAxis = { type: "category", data: d.labels, axisLabel: { fontSize: 10, interval: 1 } };
      option.yAxis = [
        { type: "value", name: "", minInterval: 1, axisLabel: { fontSize: 10 } },
        { type: "value", min: 0, max: 100, axisLabel: { fontSize: 10, formatter: "{value}%" } }
      ];
      option.series = [
        { name: d.names.required, type: "bar", data: d.required, itemStyle: { color: GREY } },
        { name: d.names.held, type: "bar", data: d.held, itemStyle: { color: GOLD } },
        { name: d.names.share, type: "line", yAxisIndex: 1, data: d.share, connectNulls: false, itemStyle: { color: RED } }
      ];
      return option;
    },
    collection: function (d) {
      var option = base();
      option.xAxis = { type: "category", data: d.labels, axisLabel: { fontSize: 10, interval: 1 } };
      option.yAxis = [
        { type: "value", axisLabel: { fontSize: 10 } },
        { type: "value", min: 0, max: 100, axisLabel: { fontSize: 10, formatter: "{value}%" } }
      ];
      option.series = [
        { name: d.names.owed, type: "bar", data: d.owed, itemStyle: { color: GREY } },
        { name: d.names.collected, type: "bar", data: d.collected, itemStyle: { color: GOLD } },
        { name: d.names.rate, type: "line", yAxisIndex: 1, data: d.rate, itemStyle: { color: RED } }
      ];
      return option;
    },
    funnel: function (d) {
      var items = d.labels.map(function (label, i) { return { name: label, value: d.values[i] }; });
      return {
        animation: false,
        tooltip: { trigger: "item", formatter: "{b}：{c}" },
        series: [{
          type: "funnel", sort: "descending", left: "5%", width: "90%", top: 8, bottom: 8, minSize: "25%", gap: 2,
          label: { position: "inside", formatter: "{b} {c}", fontSize: 12, color: "#fff" }, data: items,
          color: ["#ef9a9a", "#e57373", "#d32f2f", RED]
        }]
      };
    },
    profile: function (d) {
      var option = base();
      option.grid = { left: 76, right: 16, top: 8, bottom: 24 };
      option.legend = { show: false };
      option.xAxis = { type: "value", minInterval: 1, axisLabel: { fontSize: 10 } };
      option.yAxis = { type: "category", data: d.labels, inverse: true, axisLabel: { fontSize: 10 } };
      option.series = [{ type: "bar", data: d.values, itemStyle: { color: RED } }];
      return option;
    }
  };

  function draw() {
    if (typeof echarts === "undefined") { return; }
    var charts = [];
    document.querySelectorAll(".pw-chart[data-chart]").forEach(function (el) {
      var build = builders[el.dataset.chart];
      var d = data(el);
      if (!build || !d) { return; }
      var chart = echarts.init(el, null, { renderer: "svg" });
      chart.setOption(build(d));
      charts.push(chart);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
