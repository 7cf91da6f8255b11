package dropbridge.ptengine;

import java.util.List;

/** One user for Ptengine: attribute names ({@code user_id} first) and their values in the same order. */
public record PtengineRow(List<String> names, List<String> values) {
}
