// File > Security of the main window: creating an encrypted practice, encrypting a plain one,
// changing the passphrase, replacing the key, and "remember on this computer"
// (docs/encryption.md). The work is host/core's; long work runs behind a progress dialog.
#include <wx/msgdlg.h>
#include <wx/utils.h>

#include <chrono>
#include <filesystem>

#include "crypto/conversion.h"
#include "encryption_dialogs.h"
#include "main_frame.h"
#include "progress.h"

namespace dyad::app {
namespace {

crypto::Argon2Limits limits() {
    return crypto::calibrate_argon2(std::chrono::milliseconds(500));
}

void wipe(std::string& secret) {
    std::fill(secret.begin(), secret.end(), '\0');
    secret.clear();
}

void tell_remember_result(wxWindow* parent, const Status& remembered) {
    if (!remembered) {
        wxMessageBox(wxString::Format(_("This computer could not remember the key: %s\n\nDyad "
                                        "will ask for the passphrase when it starts."),
                                      error_text(remembered.error())),
                     _("Remember on This Computer"), wxOK | wxICON_WARNING, parent);
    }
}

}  // namespace

Status MainFrame::create_encrypted_practice(const std::string& data_dir) {
    auto chosen = ask_new_passphrase(this, _("Protect the New Practice"), true);
    if (!chosen) {
        return fail(ErrorCode::Invalid,
                    show::marked("error", "no passphrase was chosen; nothing was created"));
    }
    Result<crypto::NewPracticeKeys> keys = fail(ErrorCode::Invalid, "");
    {
        wxBusyCursor busy;
        keys = crypto::make_practice_keys(chosen->passphrase, limits());
    }
    wipe(chosen->passphrase);
    if (!keys) {
        return std::unexpected(keys.error());
    }
    if (!show_recovery_key(this, keys->recovery_text)) {
        return fail(ErrorCode::Invalid,
                    show::marked("error",
                                 "the recovery key was not confirmed; nothing was "
                                 "created (create the practice again to get a new "
                                 "one)"));
    }
    std::error_code ignored;
    std::filesystem::create_directories(data_dir, ignored);
    std::string database = practice_database_path(data_dir);
    DYAD_TRY(crypto::write_key_file(crypto::key_file_path(database), keys->file));
    DYAD_TRY(open_practice(data_dir, &keys->key));
    if (chosen->remember) {
        tell_remember_result(this, crypto::remember_on_this_computer(database, keys->key));
    }
    return ok();
}

void MainFrame::on_encrypt() {
    if (!m_practice || m_practice->key() != nullptr) {
        return;
    }
    wxMessageDialog confirm(
        this,
        _("Encrypt this practice?\n\nDyad closes it, makes an encrypted copy, checks the copy, "
          "and only then replaces the plain file, which is overwritten and removed. Backups made "
          "before stay unencrypted: make a new backup afterwards and remove the old ones."),
        _("Encrypt Practice"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
    confirm.SetYesNoLabels(_("&Encrypt"), _("&Cancel"));
    if (confirm.ShowModal() != wxID_YES) {
        return;
    }
    auto chosen = ask_new_passphrase(this, _("Encrypt Practice"), true);
    if (!chosen) {
        return;
    }
    std::string data_dir = m_practice->data_dir();
    std::string database = m_practice->database_path();
    close_practice();
    Result<crypto::Conversion> converted = fail(ErrorCode::Invalid, "");
    crypto::Argon2Limits kdf;
    {
        wxBusyCursor busy;
        kdf = limits();
    }
    Status done = run_with_progress(
        this, _("Encrypt Practice"), _("Encrypting the practice..."),
        [&](const db::Progress& progress) -> Status {
            converted = crypto::convert_to_encrypted(database, chosen->passphrase, kdf, progress);
            return converted ? ok() : Status(std::unexpected(converted.error()));
        });
    wipe(chosen->passphrase);
    if (!done) {
        wxMessageBox(
            wxString::Format(_("The practice was not encrypted: %s"), error_text(done.error())),
            _("Encrypt Practice"), wxOK | wxICON_ERROR, this);
        (void)open_practice(data_dir);
        return;
    }
    while (!show_recovery_key(this, converted->recovery_text)) {
        wxMessageBox(_("The practice is encrypted now, so its recovery key matters: type it back "
                       "to finish."),
                     _("Encrypt Practice"), wxOK | wxICON_WARNING, this);
    }
    auto key = crypto::unlock_with_recovery_key(database, converted->recovery_text);
    Status opened = key ? open_practice(data_dir, &*key) : Status(std::unexpected(key.error()));
    if (opened && chosen->remember && m_practice && m_practice->key() != nullptr) {
        tell_remember_result(this, crypto::remember_on_this_computer(database, *m_practice->key()));
    }
    wxMessageBox(
        wxString::Format(
            _("The practice is encrypted. %s."),
            // The note host/core marked in the context "encryption" (or an error).
            wxGetTranslation(wxString::FromUTF8(converted->note), wxString(), "encryption")),
        _("Encrypt Practice"), wxOK | wxICON_INFORMATION, this);
}

void MainFrame::on_change_passphrase() {
    if (!m_practice || m_practice->key() == nullptr) {
        return;
    }
    auto chosen = ask_new_passphrase(this, _("Change Passphrase"), false);
    if (!chosen) {
        return;
    }
    Status changed = [&] {
        wxBusyCursor busy;
        return crypto::change_passphrase(m_practice->database_path(), *m_practice->key(),
                                         chosen->passphrase, limits());
    }();
    wipe(chosen->passphrase);
    if (!changed) {
        wxMessageBox(error_text(changed.error()), _("Change Passphrase"), wxOK | wxICON_ERROR,
                     this);
        return;
    }
    (void)m_practice->records().record_event("update", "practice", 0, "passphrase", "user");
    wxMessageBox(_("The passphrase was changed. Backups made before still open with the old "
                   "passphrase or the recovery key."),
                 _("Change Passphrase"), wxOK | wxICON_INFORMATION, this);
}

void MainFrame::on_rotate_key() {
    if (!m_practice || m_practice->key() == nullptr) {
        return;
    }
    wxMessageDialog confirm(
        this,
        _("Replace the encryption key?\n\nDo this when a copy of the practice together with its "
          "passphrase or recovery key may have been seen by someone else. Dyad re-encrypts the "
          "practice under a new key and gives you a new recovery key; the old recovery key and "
          "\"remember on this computer\" stop working."),
        _("Replace the Encryption Key"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
    confirm.SetYesNoLabels(_("&Replace Key"), _("&Cancel"));
    if (confirm.ShowModal() != wxID_YES) {
        return;
    }
    auto chosen = ask_new_passphrase(this, _("Passphrase After the Key Change"), false);
    if (!chosen) {
        return;
    }
    auto old_key = m_practice->key()->clone();
    if (!old_key) {
        wxMessageBox(error_text(old_key.error()), _("Replace the Encryption Key"),
                     wxOK | wxICON_ERROR, this);
        return;
    }
    std::string data_dir = m_practice->data_dir();
    std::string database = m_practice->database_path();
    close_practice();
    crypto::Argon2Limits kdf = limits();
    Result<std::string> rotated = fail(ErrorCode::Invalid, "");
    Status done = run_with_progress(
        this, _("Replace the Encryption Key"), _("Re-encrypting the practice..."),
        [&](const db::Progress& progress) -> Status {
            rotated = crypto::rotate_key(database, *old_key, chosen->passphrase, kdf, progress);
            return rotated ? ok() : Status(std::unexpected(rotated.error()));
        });
    wipe(chosen->passphrase);
    if (!done) {
        wxMessageBox(wxString::Format(_("The key was not replaced: %s"), error_text(done.error())),
                     _("Replace the Encryption Key"), wxOK | wxICON_ERROR, this);
    } else {
        while (!show_recovery_key(this, *rotated)) {
            wxMessageBox(_("Type the new recovery key back to finish: the old one no longer "
                           "opens the practice."),
                         _("Replace the Encryption Key"), wxOK | wxICON_WARNING, this);
        }
    }
    if (Status opened = open_practice(data_dir); !opened) {
        wxMessageBox(error_text(opened.error()), _("Replace the Encryption Key"),
                     wxOK | wxICON_ERROR, this);
    }
}

void MainFrame::on_remember(bool remember) {
    if (!m_practice || m_practice->key() == nullptr) {
        return;
    }
    Status done =
        remember
            ? crypto::remember_on_this_computer(m_practice->database_path(), *m_practice->key())
            : crypto::forget_on_this_computer(m_practice->database_path(), *m_practice->key());
    if (remember) {
        tell_remember_result(this, done);
        if (done) {
            SetStatusText(_("This computer remembers the practice's key."), 0);
        }
        return;
    }
    if (!done) {
        wxMessageBox(error_text(done.error()), _("Forget on This Computer"), wxOK | wxICON_ERROR,
                     this);
        return;
    }
    SetStatusText(_("This computer no longer remembers the practice's key."), 0);
}

}  // namespace dyad::app
