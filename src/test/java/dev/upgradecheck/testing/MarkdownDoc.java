package dev.upgradecheck.testing;

import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.List;

/** A Markdown report read as GitHub reads it (CommonMark with GFM tables): headings, tables, code, HTML. */
public final class MarkdownDoc {

    private final Node root;

    private MarkdownDoc(Node root) {
        this.root = root;
    }

    public static MarkdownDoc parse(String markdown) {
        return new MarkdownDoc(Parser.builder().extensions(List.of(TablesExtension.create())).build().parse(markdown));
    }

    /** The top-level blocks, in order. */
    public List<Node> blocks() {
        List<Node> all = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNext()) {
            all.add(n);
        }
        return all;
    }

    public List<String> headings() {
        return blocks().stream().filter(Heading.class::isInstance).map(MarkdownDoc::text).toList();
    }

    /** Each table's body rows, each row its cells' text (code spans as their literal text). */
    public List<List<List<String>>> tables() {
        List<List<List<String>>> tables = new ArrayList<>();
        for (Node block : blocks()) {
            if (block instanceof TableBlock) {
                List<List<String>> rows = new ArrayList<>();
                block.accept(new AbstractVisitor() {
                    @Override
                    public void visit(CustomBlock node) {
                        visitChildren(node);
                    }

                    @Override
                    public void visit(org.commonmark.node.CustomNode node) {
                        if (node instanceof TableRow row && !(row.getParent() instanceof org.commonmark.ext.gfm.tables.TableHead)) {
                            List<String> cells = new ArrayList<>();
                            for (Node c = row.getFirstChild(); c != null; c = c.getNext()) {
                                cells.add(text((TableCell) c));
                            }
                            rows.add(cells);
                        } else {
                            visitChildren(node);
                        }
                    }
                });
                tables.add(rows);
            }
        }
        return tables;
    }

    /** Every fenced code block, however deep (a runbook's sit inside list items). */
    public List<FencedCodeBlock> codeBlocks() {
        List<FencedCodeBlock> all = new ArrayList<>();
        root.accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                all.add(block);
            }
        });
        return all;
    }

    public List<String> htmlBlocks() {
        return blocks().stream().filter(HtmlBlock.class::isInstance).map(b -> ((HtmlBlock) b).getLiteral()).toList();
    }

    /** The fenced code block right after the paragraph that is this inline code (how the report labels remedies). */
    public String codeBlockAfter(String label) {
        List<Node> blocks = blocks();
        for (int i = 0; i + 1 < blocks.size(); i++) {
            if (blocks.get(i) instanceof Paragraph p && p.getFirstChild() instanceof Code code
                    && code.getLiteral().equals(label) && blocks.get(i + 1) instanceof FencedCodeBlock block) {
                return block.getLiteral();
            }
        }
        throw new AssertionError("no code block after `" + label + "`");
    }

    /** The whole document's text as a reader sees it (code spans included, a wrapped line's break as a space). */
    public String text() {
        return text(root);
    }

    /** The literal text of a node and its children (code spans included). */
    public static String text(Node node) {
        StringBuilder b = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                b.append(t.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.SoftLineBreak t) {
                b.append(' ');
            }

            @Override
            public void visit(org.commonmark.node.HardLineBreak t) {
                b.append('\n');
            }

            @Override
            public void visit(Paragraph p) {
                visitChildren(p);
                b.append('\n');
            }

            @Override
            public void visit(Code c) {
                b.append(c.getLiteral());
            }
        });
        return b.toString();
    }
}
