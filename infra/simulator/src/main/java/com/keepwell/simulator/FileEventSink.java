package com.keepwell.simulator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes events as JSON lines (gzip when the file name ends in {@code .gz}), for inspection or later replay. */
public final class FileEventSink implements EventSink {

    private final OutputStream out;
    private long sent;

    public FileEventSink(Path file) {
        try {
            OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            this.out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void send(String customerId, byte[] cloudEvent) {
        try {
            out.write(cloudEvent);
            out.write('\n');
            sent++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Counts counts() {
        return new Counts(sent, sent, 0);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
