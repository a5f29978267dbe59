package dev.switchboard.access;

public enum Role {
    ADMIN, USER
}
