package app.knowledgenetwork.knowledgeapi.mfa;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A TOTP secret to add to an authenticator app; MFA is on only after confirmMfa with a code from it.")
public record MfaEnrollment(@NonNull @Description("Base32 secret.") String secret,
                            @NonNull @Description("otpauth:// URI, for a QR code.") String otpauthUri) {

    @Description("One-time recovery codes, shown only now; each replaces a TOTP code once.")
    public record RecoveryCodes(@NonNull List<@NonNull String> codes) {
    }
}
