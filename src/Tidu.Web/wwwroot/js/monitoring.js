// Draws every chart of the monitoring page from the JSON in its data-chart attribute (the same data as the
// table under it). Loaded as a file: the CSP allows no inline script.
(function () {
    'use strict';

    function optionFor(chart) {
        var legend = { type: 'scroll', top: 0, data: chart.series.map(function (s) { return s.name; }) };
        if (chart.kind === 'funnel' || chart.kind === 'pie') {
            var first = chart.series[0];
            var data = chart.categories.map(function (c, i) { return { name: c, value: first.values[i] }; });
            return {
                tooltip: { trigger: 'item' },
                legend: { type: 'scroll', top: 0, data: chart.categories },
                series: [chart.kind === 'funnel'
                    ? { name: first.name, type: 'funnel', top: 40, bottom: 10, sort: 'none', label: { show: true, position: 'inside', formatter: '{b}：{c}' }, data: data }
                    : { name: first.name, type: 'pie', top: 30, radius: ['35%', '70%'], label: { formatter: '{b}：{c}' }, data: data }]
            };
        }
        return {
            tooltip: { trigger: 'axis' },
            legend: legend,
            grid: { left: 60, right: 20, top: 60, bottom: 80 },
            xAxis: { type: 'category', data: chart.categories, axisLabel: { interval: 0, rotate: chart.categories.length > 6 ? 30 : 0 } },
            yAxis: { type: 'value' },
            series: chart.series.map(function (s) { return { name: s.name, type: 'bar', data: s.values }; })
        };
    }

    function draw(element) {
        var chart = JSON.parse(element.getAttribute('data-chart'));
        var instance = window.echarts.init(element, null, { renderer: 'canvas' });
        instance.setOption(optionFor(chart));
        element.setAttribute('data-rendered', 'true');
        window.addEventListener('resize', function () { instance.resize(); });
    }

    document.querySelectorAll('[data-chart]').forEach(draw);
})();
