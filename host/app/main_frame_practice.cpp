// The practice file's commands of the main window: back up, restore, check, open and create a
// practice (split from main_frame.cpp).
#include <wx/dirdlg.h>
#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/textdlg.h>

#include <filesystem>

#include "db/maintenance.h"
#include "db/sealed_backup.h"
#include "main_frame.h"
#include "progress.h"
#include "records/core_schema.h"

namespace dyad::app {
void MainFrame::on_backup() {
    if (!m_practice) {
        return;
    }
    wxFileDialog dialog(this, _("Back up the practice to"), "",
                        "practice-" + wxDateTime::Now().Format("%Y-%m-%d") + ".dyadbackup",
                        _("Dyad backups (*.dyadbackup)|*.dyadbackup|All files|*"),
                        wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    std::string source = m_practice->database_path();
    std::string target = dialog.GetPath().ToStdString(wxConvUTF8);
    const crypto::PracticeKey* key = m_practice->key();
    Status done = run_with_progress(this, _("Back Up"), _("Copying the practice..."),
                                    [&](const db::Progress& progress) {
                                        return db::backup_database(source, target, progress, key);
                                    });
    if (!done) {
        wxMessageBox(wxString::Format(_("The backup was not made: %s"), error_text(done.error())),
                     _("Back Up"), wxOK | wxICON_ERROR, this);
        return;
    }
    (void)m_practice->records().record_event("backup", "practice", 0, "", "user");
    SetStatusText(_("Backup saved."), 0);
}

void MainFrame::on_restore() {
    if (!m_practice) {
        return;
    }
    wxFileDialog dialog(this, _("Restore from backup"), "", "",
                        _("Dyad backups (*.dyadbackup)|*.dyadbackup|All files|*"),
                        wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    wxMessageDialog confirm(this,
                            _("Replace the current practice with this backup?\n\nChanges made "
                              "since the backup will no longer be shown. The current database "
                              "is kept as a copy next to it, so nothing is lost."),
                            _("Restore from Backup"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
    confirm.SetYesNoLabels(_("&Restore"), _("&Cancel"));
    if (confirm.ShowModal() != wxID_YES) {
        return;
    }
    std::string data_dir = m_practice->data_dir();
    std::string live = m_practice->database_path();
    std::string source = dialog.GetPath().ToStdString(wxConvUTF8);
    std::optional<crypto::PracticeKey> current;
    if (m_practice->key() != nullptr) {
        auto copy = m_practice->key()->clone();
        if (copy) {
            current = std::move(*copy);
        }
    }
    db::BackupKeys keys;
    keys.current = current ? &*current : nullptr;
    if (auto kind = db::backup_kind(source); kind && *kind == db::BackupKind::Sealed) {
        auto slots = db::sealed_backup_slots(source);
        if (slots && (!current || current->salt != slots->slots.front().database_salt)) {
            wxPasswordEntryDialog ask(this,
                                      _("This backup was made under another key (before a key "
                                        "change, or on another computer).\nEnter the passphrase "
                                        "it had then, or its recovery key:"),
                                      _("Restore from Backup"));
            if (ask.ShowModal() != wxID_OK) {
                return;
            }
            keys.passphrase_or_recovery = ask.GetValue().ToStdString(wxConvUTF8);
        }
    }
    close_practice();
    std::string kept;
    Status done = run_with_progress(
        this, _("Restore"), _("Restoring the backup..."), [&](const db::Progress&) -> Status {
            auto result = db::restore_database(source, live, records::core_schema_version(), keys);
            if (!result) {
                return std::unexpected(result.error());
            }
            kept = *result;
            return ok();
        });
    std::fill(keys.passphrase_or_recovery.begin(), keys.passphrase_or_recovery.end(), '\0');
    Status reopened = open_practice(data_dir, current ? &*current : nullptr);
    if (!done) {
        wxMessageBox(
            wxString::Format(_("The backup was not restored: %s"), error_text(done.error())),
            _("Restore from Backup"), wxOK | wxICON_ERROR, this);
    } else {
        (void)m_practice->records().record_event("restore", "practice", 0, "", "user");
        wxMessageBox(wxString::Format(_("The backup was restored. The previous database is kept "
                                        "as\n%s"),
                                      wxString::FromUTF8(kept)),
                     _("Restore from Backup"), wxOK | wxICON_INFORMATION, this);
    }
    if (!reopened) {
        wxMessageBox(error_text(reopened.error()), _("Restore from Backup"), wxOK | wxICON_ERROR,
                     this);
    }
}

void MainFrame::on_check() {
    if (!m_practice) {
        return;
    }
    std::string path = m_practice->database_path();
    const crypto::PracticeKey* key = m_practice->key();
    db::CheckReport report;
    Status done = run_with_progress(this, _("Check Database"), _("Checking every page..."),
                                    [&](const db::Progress&) -> Status {
                                        auto result = db::check_database(path, key);
                                        if (!result) {
                                            return std::unexpected(result.error());
                                        }
                                        report = *result;
                                        return ok();
                                    });
    if (!done) {
        wxMessageBox(error_text(done.error()), _("Check Database"), wxOK | wxICON_ERROR, this);
    } else if (report.healthy) {
        wxString text = _("The database passed the integrity and foreign key checks.");
        for (const auto& note : report.notes) {
            // Notes host/core marked in the context "database check" (English there).
            text += "\n\n" +
                    wxGetTranslation(wxString::FromUTF8(note), wxString(), "database check") + ".";
        }
        wxMessageBox(text, _("Check Database"), wxOK | wxICON_INFORMATION, this);
    } else {
        wxMessageBox(wxString::Format(_("The database is damaged. Restore a backup (File > "
                                        "Restore from Backup) and contact support.\n\nFirst "
                                        "problem: %s"),
                                      wxString::FromUTF8(report.problems.front())),
                     _("Check Database"), wxOK | wxICON_ERROR, this);
    }
}

void MainFrame::on_open_practice() {
    wxDirDialog dialog(this, _("Choose the practice folder"), "",
                       wxDD_DEFAULT_STYLE | wxDD_DIR_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    std::string folder = dialog.GetPath().ToStdString(wxConvUTF8);
    if (!practice_present(folder)) {
        wxMessageBox(_("There is no Dyad practice in this folder. Use File > New Practice to "
                       "create one."),
                     _("Open Practice"), wxOK | wxICON_INFORMATION, this);
        return;
    }
    if (Status opened = open_practice(folder); !opened) {
        wxMessageBox(error_text(opened.error()), _("Open Practice"), wxOK | wxICON_ERROR, this);
    }
}

void MainFrame::on_new_practice() {
    wxDirDialog dialog(this, _("Choose an empty folder for the new practice"), "",
                       wxDD_DEFAULT_STYLE);
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    std::string folder = dialog.GetPath().ToStdString(wxConvUTF8);
    if (practice_present(folder)) {
        wxMessageBox(_("This folder already holds a practice; open it with File > Open Practice."),
                     _("New Practice"), wxOK | wxICON_INFORMATION, this);
        return;
    }
    wxTextEntryDialog name(this, _("Name of the practice:"), _("New Practice"), _("My Practice"));
    if (name.ShowModal() != wxID_OK) {
        return;
    }
    wxMessageDialog encrypt(this,
                            _("Encrypt the new practice? (Recommended: a lost or stolen laptop, "
                              "backup or synced copy then reveals nothing without the "
                              "passphrase.)"),
                            _("New Practice"), wxYES_NO | wxCANCEL | wxYES_DEFAULT);
    encrypt.SetYesNoCancelLabels(_("&Encrypt"), _("&Plain"), _("&Cancel"));
    int choice = encrypt.ShowModal();
    if (choice == wxID_CANCEL) {
        return;
    }
    Status opened = choice == wxID_YES ? create_encrypted_practice(folder) : open_practice(folder);
    if (!opened) {
        wxMessageBox(error_text(opened.error()), _("New Practice"), wxOK | wxICON_ERROR, this);
        return;
    }
    if (auto named = m_practice->records().set_practice_name(
            name.GetValue().ToStdString(wxConvUTF8), "user");
        !named) {
        wxMessageBox(error_text(named.error()), _("New Practice"), wxOK | wxICON_ERROR, this);
    }
    update_status();
}

}  // namespace dyad::app
