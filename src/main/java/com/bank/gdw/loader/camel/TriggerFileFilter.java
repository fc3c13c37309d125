package com.bank.gdw.loader.camel;

import java.io.File;
import java.nio.file.Files;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

import com.bank.gdw.loader.stream.FileName;
import com.bank.gdw.loader.stream.StreamDefinition;

/** Lets the file consumer see only a stream's trigger files with a real business date (no directories, no links). */
public final class TriggerFileFilter<T> implements GenericFileFilter<T> {

    private final StreamDefinition stream;

    public TriggerFileFilter(StreamDefinition stream) {
        this.stream = stream;
    }

    @Override
    public boolean accept(GenericFile<T> file) {
        if (file.isDirectory() || file.getFile() instanceof File f && Files.isSymbolicLink(f.toPath())) {
            return false;
        }
        return stream.files().classify(file.getFileNameOnly()) instanceof FileName.Trigger;
    }
}
