package io.insurecrm.portal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The e-policy as a PDF (Apache PDFBox), with a CJK font from the system embedded as a subset
 * ({@code crm.portal.cjk-font}, a .ttc collection or a .ttf). Without such a font there is no PDF: the portal shows
 * the printable HTML e-policy with a note instead.
 */
@Component
public class EPolicyDocuments {

    private final Path fontFile;
    private final MessageSource messages;

    EPolicyDocuments(@Value("${crm.portal.cjk-font:/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}") String fontFile,
                     MessageSource messages) {
        this.fontFile = Path.of(fontFile);
        this.messages = messages;
    }

    public boolean canRenderPdf() {
        return Files.isReadable(fontFile);
    }

    /** The PDF, or empty when no CJK font is installed. */
    public Optional<byte[]> pdf(PortalPolicy policy, Locale locale) {
        if (!canRenderPdf()) {
            return Optional.empty();
        }
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {text("portal.epolicy.title", locale), ""});
        lines.add(new String[] {text("portal.policy.number", locale), policy.policyNumber()});
        lines.add(new String[] {text("portal.policy.product", locale), policy.productName(locale)});
        lines.add(new String[] {text("portal.policy.status", locale), text("portal.policy.status." + policy.status(), locale)});
        lines.add(new String[] {text("portal.policy.holder", locale), policy.holderName()});
        lines.add(new String[] {text("portal.policy.insured", locale), policy.insuredName()});
        lines.add(new String[] {text("portal.policy.sumInsured", locale), "CNY " + policy.sumInsured().toPlainString()});
        lines.add(new String[] {text("portal.policy.premium", locale), "CNY " + policy.premium().toPlainString() + " ("
                + text("portal.policy.frequency." + policy.paymentFrequency(), locale) + ")"});
        lines.add(new String[] {text("portal.policy.period", locale), policy.startDate() + " – " + policy.endDate()});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {text("portal.epolicy.footer", locale), ""});
        try (PDDocument document = new PDDocument(); TrueTypeCollection collection = collection()) {
            PDType0Font font = collection != null ? PDType0Font.load(document, first(collection), true)
                    : PDType0Font.load(document, fontFile.toFile());
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                float y = page.getMediaBox().getHeight() - 72;
                for (int i = 0; i < lines.size(); i++) {
                    String[] line = lines.get(i);
                    content.beginText();
                    content.setFont(font, i == 0 ? 18 : 11);
                    content.newLineAtOffset(60, y);
                    content.showText(line[0]);
                    content.endText();
                    if (!line[1].isEmpty()) {
                        content.beginText();
                        content.setFont(font, 11);
                        content.newLineAtOffset(200, y);
                        content.showText(line[1]);
                        content.endText();
                    }
                    y -= i == 0 ? 36 : 22;
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return Optional.of(out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("The e-policy PDF could not be written with the font " + fontFile, e);
        }
    }

    private TrueTypeCollection collection() throws IOException {
        return fontFile.toString().toLowerCase(Locale.ROOT).endsWith(".ttc") ? new TrueTypeCollection(fontFile.toFile()) : null;
    }

    private static TrueTypeFont first(TrueTypeCollection collection) throws IOException {
        TrueTypeFont[] first = new TrueTypeFont[1];
        collection.processAllFonts(font -> {
            if (first[0] == null) {
                first[0] = font;
            }
        });
        return first[0];
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
