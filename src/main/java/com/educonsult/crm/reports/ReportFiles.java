package com.educonsult.crm.reports;

import com.educonsult.crm.reports.ReportEntities.ColumnType;
import com.educonsult.crm.reports.ReportQueries.Output;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** The file formats of a report: CSV (RFC 4180), XLSX (streamed), and PDF with its table and a bar chart. */
final class ReportFiles {

    /** A PDF is read by people: it holds the first rows only, and says so. */
    static final int PDF_MAX_ROWS = 2_000;
    static final int CHART_BARS = 15;

    enum Format {
        CSV("csv", "text/csv", "csv"),
        XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        PDF("pdf", "application/pdf", "pdf");

        final String wire;
        final String contentType;
        final String extension;

        Format(String wire, String contentType, String extension) {
            this.wire = wire;
            this.contentType = contentType;
            this.extension = extension;
        }

        static Format of(String wire) {
            for (Format format : values()) {
                if (format.wire.equals(wire)) {
                    return format;
                }
            }
            return null;
        }
    }

    /** Receives a report's rows one by one and writes them to a stream. */
    interface RowWriter extends AutoCloseable {
        void row(List<Object> values);

        @Override
        void close();
    }

    private ReportFiles() {
    }

    static RowWriter open(Format format, String title, List<Output> columns, OutputStream out) {
        return switch (format) {
            case CSV -> new Csv(columns, out);
            case XLSX -> new Xlsx(columns, out);
            case PDF -> new Pdf(title, columns, out);
        };
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC).toString();
        }
        if (value instanceof BigDecimal number) {
            return number.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    private static final class Csv implements RowWriter {
        private final CSVPrinter printer;

        Csv(List<Output> columns, OutputStream out) {
            try {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder()
                        .setHeader(columns.stream().map(Output::name).toArray(String[]::new)).get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void row(List<Object> values) {
            try {
                printer.printRecord(values.stream().map(ReportFiles::text).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                printer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Xlsx implements RowWriter {
        private final Workbook workbook;
        private final Worksheet sheet;
        private int row;

        Xlsx(List<Output> columns, OutputStream out) {
            workbook = new Workbook(out, "EduConsult CRM", "1.0");
            sheet = workbook.newWorksheet("Report");
            for (int c = 0; c < columns.size(); c++) {
                sheet.inlineString(0, c, columns.get(c).label());
                sheet.style(0, c).bold().set();
            }
        }

        @Override
        public void row(List<Object> values) {
            row++;
            for (int c = 0; c < values.size(); c++) {
                Object value = values.get(c);
                if (value instanceof Number number) {
                    sheet.value(row, c, number);
                } else if (value != null) {
                    // strings inline: a shared string table would grow with every distinct value
                    sheet.inlineString(row, c, text(value));
                }
            }
            if (row % 1_000 == 0) {
                try {
                    sheet.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public void close() {
            try {
                workbook.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The table of the first rows, after a bar chart of the first number column by the other columns. */
    private static final class Pdf implements RowWriter {
        private final String title;
        private final List<Output> columns;
        private final OutputStream out;
        private final List<List<Object>> rows = new ArrayList<>();
        private long total;

        Pdf(String title, List<Output> columns, OutputStream out) {
            this.title = title;
            this.columns = columns;
            this.out = out;
        }

        @Override
        public void row(List<Object> values) {
            total++;
            if (rows.size() < PDF_MAX_ROWS) {
                rows.add(values);
            }
        }

        @Override
        public void close() {
            Document document = new Document(columns.size() > 6 ? PageSize.A4.rotate() : PageSize.A4, 36, 36, 36, 36);
            try {
                PdfWriter writer = PdfWriter.getInstance(document, out);
                writer.setCloseStream(false);
                document.open();
                document.add(new Paragraph(title, FontFactory.getFont(FontFactory.HELVETICA_BOLD, 14)));
                document.add(new Paragraph(total + (total == 1 ? " row" : " rows")
                        + (total > rows.size() ? ", the first " + rows.size() + " shown" : ""),
                        FontFactory.getFont(FontFactory.HELVETICA, 9, Color.DARK_GRAY)));
                Image chart = chart(writer, document.getPageSize().getWidth() - 72);
                if (chart != null) {
                    document.add(chart);
                }
                document.add(table());
                document.close();
            } catch (DocumentException | IOException e) {
                throw new IllegalStateException("The PDF could not be written", e);
            }
        }

        private PdfPTable table() {
            PdfPTable table = new PdfPTable(columns.size());
            table.setWidthPercentage(100);
            table.setSpacingBefore(12);
            table.setHeaderRows(1);
            Font head = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8, Color.WHITE);
            Font body = FontFactory.getFont(FontFactory.HELVETICA, 8);
            for (Output column : columns) {
                PdfPCell cell = new PdfPCell(new Phrase(column.label(), head));
                cell.setBackgroundColor(new Color(0x1f, 0x4e, 0x79));
                cell.setPadding(4);
                table.addCell(cell);
            }
            for (List<Object> row : rows) {
                for (int c = 0; c < columns.size(); c++) {
                    PdfPCell cell = new PdfPCell(new Phrase(text(row.get(c)), body));
                    cell.setPadding(3);
                    if (columns.get(c).type() == ColumnType.NUMBER) {
                        cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
                    }
                    table.addCell(cell);
                }
            }
            return table;
        }

        /** Horizontal bars of the first number column, labelled by the other columns; none without numbers. */
        private Image chart(PdfWriter writer, float width) throws DocumentException, IOException {
            int value = -1;
            for (int c = columns.size() - 1; c >= 0; c--) {
                if (columns.get(c).type() == ColumnType.NUMBER) {
                    value = c;
                }
            }
            if (value < 0 || rows.isEmpty()) {
                return null;
            }
            List<List<Object>> bars = rows.subList(0, Math.min(CHART_BARS, rows.size()));
            double max = 0;
            for (List<Object> row : bars) {
                max = Math.max(max, number(row.get(value)));
            }
            float barHeight = 14;
            float labelWidth = width * 0.35f;
            float height = bars.size() * (barHeight + 4) + 24;
            PdfContentByte canvas = writer.getDirectContent();
            PdfTemplate template = canvas.createTemplate(width, height);
            BaseFont font = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, false);
            template.beginText();
            template.setFontAndSize(font, 9);
            template.showTextAligned(Element.ALIGN_LEFT, columns.get(value).label(), 0, height - 10, 0);
            template.endText();
            for (int i = 0; i < bars.size(); i++) {
                List<Object> row = bars.get(i);
                float y = height - 24 - (i + 1) * (barHeight + 4) + 4;
                double amount = number(row.get(value));
                float length = max <= 0 ? 0 : (float) ((width - labelWidth - 60) * amount / max);
                template.setColorFill(new Color(0x2e, 0x75, 0xb6));
                template.rectangle(labelWidth, y, Math.max(length, 1), barHeight);
                template.fill();
                template.setColorFill(Color.BLACK);
                template.beginText();
                template.setFontAndSize(font, 8);
                template.showTextAligned(Element.ALIGN_RIGHT, clipped(label(row, value), 48), labelWidth - 6,
                        y + 4, 0);
                template.showTextAligned(Element.ALIGN_LEFT, text(row.get(value)), labelWidth + length + 4, y + 4, 0);
                template.endText();
            }
            return Image.getInstance(template);
        }

        private String label(List<Object> row, int value) {
            List<String> parts = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                if (c != value && columns.get(c).type() != ColumnType.NUMBER) {
                    parts.add(row.get(c) == null ? "(none)" : text(row.get(c)));
                }
            }
            return parts.isEmpty() ? "" : String.join(" · ", parts).replace('·', '-');
        }

        private static String clipped(String text, int length) {
            return text.length() <= length ? text : text.substring(0, length - 1) + "...";
        }

        private static double number(Object value) {
            return value instanceof Number number ? number.doubleValue() : 0;
        }
    }

    static String fileName(String name, Format format) {
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return (base.isEmpty() ? "report" : base) + "." + format.extension;
    }
}
