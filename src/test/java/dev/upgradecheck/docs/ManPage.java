package dev.upgradecheck.docs;

import dev.upgradecheck.cli.Cli;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;

/**
 * Writes the man pages, AsciiDoc in picocli's man page layout (one per command), from the command tree as its
 * help shows it. Run by the build at package time (pom.xml), so the pages cannot drift from the options.
 */
public final class ManPage {

    private ManPage() {
    }

    /** Writes every command's page into the directory given, and exits non-zero when picocli could not. */
    public static void main(String[] args) throws IOException {
        int status = write(new File(args[0]));
        if (status != 0) {
            System.exit(status);
        }
    }

    static int write(File directory) throws IOException {
        var tree = new Cli(name -> null, InputStream.nullInputStream()).commandTree();
        return ManPageGenerator.generateManPage(directory, null, new boolean[0], true, tree.getCommandSpec());
    }
}
