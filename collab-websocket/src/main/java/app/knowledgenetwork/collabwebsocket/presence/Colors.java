package app.knowledgenetwork.collabwebsocket.presence;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** A user's colour: the one the client asks for if it is a #rrggbb colour, else one picked from the user id. */
public final class Colors {
    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final List<String> PALETTE = List.of("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#46a5a5", "#f032e6",
            "#808000", "#9a6324", "#800000", "#000075", "#469990");

    private Colors() {
    }

    public static String of(UUID user, String asked) {
        if (asked != null && HEX.matcher(asked).matches()) {
            return asked.toLowerCase(java.util.Locale.ROOT);
        }
        return PALETTE.get(Math.floorMod(user.hashCode(), PALETTE.size()));
    }
}
