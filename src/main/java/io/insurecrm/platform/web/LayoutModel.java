package io.insurecrm.platform.web;

import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.StaffPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the page layout shows on every page: the signed-in staff member. */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {

    @ModelAttribute("currentStaff")
    StaffPrincipal currentStaff() {
        return CurrentStaff.get().orElse(null);
    }
}
