package org.opencrm.auth.session;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import org.opencrm.auth.web.Violations;

/** The rules for emails and passwords, shared by sign-up and login. */
final class Credentials {

    static final int MIN_PASSWORD_LENGTH = 8;
    // bcrypt only reads 72 bytes; Spring Security refuses longer passwords rather than silently truncating them.
    static final int MAX_PASSWORD_BYTES = 72;
    static final int MAX_EMAIL_LENGTH = 254;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");

    private Credentials() {
    }

    /** The form emails are stored and compared in. */
    static String normalizedEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    static void checkEmail(String email, Violations violations) {
        if (email == null || email.isBlank()) {
            violations.add("email", "required", "email is required");
        } else if (email.strip().length() > MAX_EMAIL_LENGTH) {
            violations.add("email", "max-length", "email must be at most " + MAX_EMAIL_LENGTH + " characters");
        } else if (!EMAIL.matcher(email.strip()).matches()) {
            violations.add("email", "email", "email must be an email address like name@example.com");
        }
    }

    static void checkNewPassword(String password, Violations violations) {
        if (password == null || password.isEmpty()) {
            violations.add("password", "required", "password is required");
        } else if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            violations.add("password", "min-length",
                    "password must be at least " + MIN_PASSWORD_LENGTH + " characters");
        } else if (tooLong(password)) {
            violations.add("password", "max-length", "password must be at most " + MAX_PASSWORD_BYTES + " bytes");
        }
    }

    static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES;
    }
}
