package io.insurecrm.importing.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Stores an uploaded file while hashing it (SHA-256), then tells its format and encoding: XLSX by its ZIP
 * signature, otherwise CSV in UTF-8 when every byte decodes as UTF-8, else GBK when every byte decodes as GBK —
 * unless the caller names the encoding. Empty files, binary files (NUL bytes) and files in neither encoding are
 * refused. Reads in 64 KB blocks: memory stays flat whatever the file size.
 */
public final class SourceFiles {

    public static final Charset GBK = Charset.forName("GBK");

    private SourceFiles() {
    }

    /** What was stored. */
    public record Stored(String sha256, long bytes) {
    }

    /** What the file turned out to be. */
    public record Inspection(SourceFormat format, Charset charset) {
    }

    public static Stored store(InputStream in, Path target, long maxBytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long total = 0;
            byte[] buffer = new byte[1 << 16];
            try (OutputStream out = Files.newOutputStream(target)) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new SourceFileException("import.file.tooLarge", maxBytes / (1024 * 1024));
                    }
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            return new Stored(HexFormat.of().formatHex(digest.digest()), total);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param encoding AUTO (or null), UTF-8 or GBK
     */
    public static Inspection inspect(Path file, String fileName, String encoding) {
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new SourceFileException("import.file.empty", null);
            }
            byte[] head = new byte[4];
            try (InputStream in = Files.newInputStream(file)) {
                in.readNBytes(head, 0, 4);
            }
            boolean zip = head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
            String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
            if (zip || name.endsWith(".xlsx")) {
                if (!zip) {
                    throw new SourceFileException("import.file.badXlsx", "not a ZIP package");
                }
                return new Inspection(SourceFormat.XLSX, null);
            }
            if (name.endsWith(".xls") || (head[0] == (byte) 0xD0 && head[1] == (byte) 0xCF)) {
                throw new SourceFileException("import.file.oldExcel", null);
            }
            long nul = firstNul(file);
            if (nul >= 0) {
                throw new SourceFileException("import.file.binary", nul);
            }
            String requested = encoding == null ? "AUTO" : encoding.strip().toUpperCase(Locale.ROOT);
            return switch (requested) {
                case "AUTO", "" -> {
                    if (firstUndecodable(file, StandardCharsets.UTF_8) < 0) {
                        yield new Inspection(SourceFormat.CSV, StandardCharsets.UTF_8);
                    }
                    if (firstUndecodable(file, GBK) < 0) {
                        yield new Inspection(SourceFormat.CSV, GBK);
                    }
                    throw new SourceFileException("import.file.unknownEncoding", null);
                }
                case "UTF-8", "UTF8" -> new Inspection(SourceFormat.CSV, requireDecodable(file, StandardCharsets.UTF_8));
                case "GBK", "GB2312", "GB18030" -> new Inspection(SourceFormat.CSV, requireDecodable(file, GBK));
                default -> throw new SourceFileException("import.file.encodingUnsupported", encoding);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Charset requireDecodable(Path file, Charset charset) throws IOException {
        long offset = firstUndecodable(file, charset);
        if (offset >= 0) {
            throw new SourceFileException("import.file.notInEncoding", charset.name() + "|" + offset);
        }
        return charset;
    }

    private static long firstNul(Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long offset = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == 0) {
                        return offset + i;
                    }
                }
                offset += n;
            }
        }
        return -1;
    }

    /** The byte offset of the first byte sequence the charset cannot decode, or -1 when the whole file decodes. */
    static long firstUndecodable(Path file, Charset charset) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        long consumed = 0;
        try (InputStream stream = Files.newInputStream(file)) {
            boolean end = false;
            while (!end) {
                int n = stream.read(in.array(), in.position(), in.remaining());
                if (n < 0) {
                    end = true;
                } else {
                    in.position(in.position() + n);
                }
                in.flip();
                int before = in.position();
                CoderResult result = decoder.decode(in, out, end);
                if (result.isError()) {
                    return consumed + in.position();
                }
                consumed += in.position() - before;
                out.clear();
                in.compact();
            }
            out.clear();
            CoderResult flush = decoder.flush(out);
            return flush.isError() ? consumed : -1;
        }
    }
}
