package io.dataknobs.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The bench as a picture (JFreeChart): one bar per API row and backend, its raw row (the same
 * work without Dataknobs) as a paler bar beside it, records/s on a logarithmic axis since rates
 * span three or more orders of magnitude.
 */
final class BenchChart {
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
      new Color(0x9467bd), new Color(0x8c564b)};

  private BenchChart() {}

  /** Draws the reports' rows into {@code file} as a PNG image. */
  static void write(Path file, long records, List<BenchReport> reports) {
    System.setProperty("java.awt.headless", "true");
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    // the reopen row is a duration, not work done at a rate: the tables print it, the chart leaves it out
    List<String> methods = BenchComparison.methods(reports).stream().filter(m -> !m.startsWith("raw:") && !m.equals(Bench.REOPEN))
        .toList();
    for (String method : methods) {
      for (BenchReport report : reports) {
        BenchRow row = report.rows().stream().filter(r -> r.method().equals(method)).findFirst().orElse(null);
        if (row == null) {
          continue;
        }
        data.addValue(Math.max(1, row.recordsPerSecond()), report.backend(), method);
        BenchRow raw = report.rawFor(row);
        if (raw != null && raw.isRaw()) {
          data.addValue(Math.max(1, raw.recordsPerSecond()), report.backend() + " raw", method);
        }
      }
    }
    LogAxis rate = new LogAxis("records/s (log scale)");
    rate.setBase(10);
    rate.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
    rate.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
    double lowest = Double.MAX_VALUE;
    double highest = 1;
    for (int s = 0; s < data.getRowCount(); s++) {
      for (int c = 0; c < data.getColumnCount(); c++) {
        Number v = data.getValue(s, c);
        if (v != null) {
          lowest = Math.min(lowest, v.doubleValue());
          highest = Math.max(highest, v.doubleValue());
        }
      }
    }
    // from the power of ten below the slowest row: the bars' lengths then compare the rows
    double floor = Math.pow(10, Math.floor(Math.log10(Math.max(1, Math.min(lowest, highest)))));
    rate.setRange(floor, highest * 1.5);
    BarRenderer bars = new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setBase(floor);
    bars.setItemMargin(0.02);
    for (int s = 0; s < data.getRowCount(); s++) {
      String series = (String) data.getRowKey(s);
      int backend = indexOf(reports, series.endsWith(" raw") ? series.substring(0, series.length() - 4) : series);
      Color c = COLORS[backend % COLORS.length];
      bars.setSeriesPaint(s, series.endsWith(" raw") ? blend(c) : c);
      bars.setSeriesOutlineStroke(s, new BasicStroke(0.5f));
    }
    CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(), rate, bars);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    String backends = String.join(", ", reports.stream().map(BenchReport::backend).toList());
    JFreeChart chart = new JFreeChart(String.format(Locale.ROOT, "dataknobs bench: %s, %,d records", backends, records),
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    int height = 120 + methods.size() * Math.max(24, data.getRowCount() * 9);
    try {
      ChartUtils.saveChartAsPNG(file.toFile(), chart, 1100, height);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the chart to " + file + ": " + e.getMessage(), e);
    }
  }

  private static int indexOf(List<BenchReport> reports, String backend) {
    for (int i = 0; i < reports.size(); i++) {
      if (reports.get(i).backend().equals(backend)) {
        return i;
      }
    }
    return 0;
  }

  /** @return {@code c} halfway to white: a raw row beside its API row */
  private static Color blend(Color c) {
    return new Color((c.getRed() + 255) / 2, (c.getGreen() + 255) / 2, (c.getBlue() + 255) / 2);
  }
}
